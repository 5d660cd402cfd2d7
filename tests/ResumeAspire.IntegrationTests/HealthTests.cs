using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResumeAspire.Core.Queue;
using ResumeAspire.IntegrationTests.Infrastructure;
using ResumeAspire.Worker;
using StackExchange.Redis;

namespace ResumeAspire.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class HealthTests(SystemFixture system)
{
    [Fact]
    public async Task The_worker_is_ready_once_it_reads_from_the_consumer_group_and_alive_regardless()
    {
        using var worker = system.Worker!.CreateClient();

        var health = await worker.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task The_consumer_group_check_fails_without_the_group_and_until_this_consumer_has_joined()
    {
        // A Redis of its own: the shared one has the group and a live worker in it.
        await using var server = await RedisServer.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var consumer = system.Worker!.Services.GetRequiredService<JobConsumer>();
        var check = new ConsumerGroupHealthCheck(redis, consumer);
        var db = redis.GetDatabase();

        var noGroup = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, noGroup.Status);
        Assert.Contains("does not exist", noGroup.Description);

        await db.StreamCreateConsumerGroupAsync(QueueNames.Stream, QueueNames.ConsumerGroup, StreamPosition.NewMessages, createStream: true);
        var notJoined = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, notJoined.Status);
        Assert.Contains("has not joined", notJoined.Description);

        // What the worker does on start: join explicitly, as an empty read would not register it.
        await db.ExecuteAsync("XGROUP", "CREATECONSUMER", QueueNames.Stream, QueueNames.ConsumerGroup, consumer.ConsumerName);
        var joined = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.True(joined.Status == HealthStatus.Healthy, joined.Description + " " + joined.Exception);
    }
}
