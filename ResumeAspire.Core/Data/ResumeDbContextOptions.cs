using Microsoft.EntityFrameworkCore;

namespace ResumeAspire.Core.Data;

public static class ResumeDbContextOptions
{
    /// <summary>Provider settings shared by the Api, the Worker and the design-time factory.</summary>
    public static void Configure(DbContextOptionsBuilder options) => options.UseSnakeCaseNamingConvention();
}
