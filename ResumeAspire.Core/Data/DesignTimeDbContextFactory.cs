using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ResumeAspire.Core.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ResumeDbContext>
{
    public ResumeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ResumeDbContext>()
            .UseNpgsql("Host=localhost;Database=resumedb");
        ResumeDbContextOptions.Configure(options);
        return new ResumeDbContext(options.Options);
    }
}
