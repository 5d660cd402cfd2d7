using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ResumeAspire.Core;
using ResumeAspire.Core.Data;

namespace ResumeAspire.UnitTests;

public sealed class DatabaseOptionsTests
{
    private const string AspireStyle = "Host=localhost;Port=5432;Username=postgres;Password=secret;Database=resumedb";

    [Fact]
    public void The_process_default_pool_and_auto_prepare_are_applied_when_nothing_is_configured()
    {
        var tuned = new NpgsqlConnectionStringBuilder(new DatabaseOptions().Apply(AspireStyle, defaultMaxPoolSize: 12));

        Assert.Equal(12, tuned.MaxPoolSize);
        Assert.Equal(32, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("resumedb", tuned.Database);
        Assert.Equal("secret", tuned.Password);
    }

    [Fact]
    public void Configuration_overrides_the_process_default()
    {
        var options = new DatabaseOptions { MaxPoolSize = 7, MaxAutoPrepare = 0, NoResetOnClose = false };

        var tuned = new NpgsqlConnectionStringBuilder(options.Apply(AspireStyle, defaultMaxPoolSize: 12));

        Assert.Equal(7, tuned.MaxPoolSize);
        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }

    [Theory]
    [InlineData("Maximum Pool Size=50")]
    [InlineData("maxpoolsize=50")]
    public void A_pool_size_written_in_the_connection_string_wins(string setting)
    {
        var options = new DatabaseOptions { MaxPoolSize = 7 };

        var tuned = new NpgsqlConnectionStringBuilder(options.Apply($"{AspireStyle};{setting};Max Auto Prepare=5", defaultMaxPoolSize: 12));

        Assert.Equal(50, tuned.MaxPoolSize);
        Assert.Equal(5, tuned.MaxAutoPrepare);
    }

    [Fact]
    public void The_registered_context_connects_with_the_budget_of_its_process()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:resumedb"] = AspireStyle,
            ["ConnectionStrings:redis"] = "localhost:6379,abortConnect=false",
        });
        builder.AddResumeData(defaultMaxPoolSize: 9);
        using var host = builder.Build();

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ResumeDbContext>();
        var used = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.Equal(9, used.MaxPoolSize);
        Assert.Equal(32, used.MaxAutoPrepare);
    }

    [Fact]
    public void A_pool_size_outside_its_range_stops_the_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:resumedb"] = AspireStyle,
            ["ConnectionStrings:redis"] = "localhost:6379,abortConnect=false",
            ["Database:MaxPoolSize"] = "0",
        });
        builder.AddResumeData(defaultMaxPoolSize: 9);
        using var host = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value);
        Assert.Contains("MaxPoolSize", error.Message);
    }
}
