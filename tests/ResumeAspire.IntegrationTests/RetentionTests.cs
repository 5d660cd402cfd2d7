using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.IntegrationTests.Infrastructure;
using ResumeAspire.Worker.Retention;

namespace ResumeAspire.IntegrationTests;

/// <summary>
/// The clock is a year ahead and rows are dated relative to it. So a retention service running
/// on the real clock (in the hosted Worker, say) never sees these rows as old, and the lost-job
/// sweeper never sees the PENDING ones as lost. The cost: a round here also deletes the finished
/// rows of earlier tests, which is why counts are asserted as lower bounds only.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RetentionTests(SystemFixture system)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.AddDays(365);

    [Fact]
    public async Task Completed_jobs_go_after_CompletedAfter_and_not_before()
    {
        var owner = await NewOwnerAsync();
        var old = await AddJobAsync(owner, JobStatus.Completed, TimeSpan.FromDays(8));
        var young = await AddJobAsync(owner, JobStatus.Completed, TimeSpan.FromDays(6));

        var result = await Cleaner().RunOnceAsync(CancellationToken.None);

        Assert.True(result.CompletedJobs >= 1);
        Assert.Equal([young], await RemainingJobsAsync(old, young));
    }

    [Fact]
    public async Task Failed_and_cancelled_jobs_go_after_FailedAfter()
    {
        var owner = await NewOwnerAsync();
        var oldFailed = await AddJobAsync(owner, JobStatus.Failed, TimeSpan.FromHours(25));
        var oldCancelled = await AddJobAsync(owner, JobStatus.Cancelled, TimeSpan.FromHours(25));
        var youngFailed = await AddJobAsync(owner, JobStatus.Failed, TimeSpan.FromHours(23));
        var youngCancelled = await AddJobAsync(owner, JobStatus.Cancelled, TimeSpan.FromHours(23));
        var completed = await AddJobAsync(owner, JobStatus.Completed, TimeSpan.FromHours(25));

        var result = await Cleaner().RunOnceAsync(CancellationToken.None);

        Assert.True(result.FailedJobs >= 1);
        Assert.True(result.CancelledJobs >= 1);
        Assert.Equal(
            new[] { youngFailed, youngCancelled, completed }.Order(),
            await RemainingJobsAsync(oldFailed, oldCancelled, youngFailed, youngCancelled, completed));
    }

    [Fact]
    public async Task Pending_and_processing_jobs_are_never_deleted_however_old()
    {
        var owner = await NewOwnerAsync();
        var pending = await AddJobAsync(owner, JobStatus.Pending, TimeSpan.FromDays(3650));
        var processing = await AddJobAsync(owner, JobStatus.Processing, TimeSpan.FromDays(3650));

        await Cleaner().RunOnceAsync(CancellationToken.None);

        Assert.Equal(new[] { pending, processing }.Order(), await RemainingJobsAsync(pending, processing));
    }

    [Fact]
    public async Task A_shared_document_stays_while_any_job_references_it()
    {
        var owner = await NewOwnerAsync();
        var shared = await AddDocumentAsync(TimeSpan.FromDays(30));
        var youngOrphan = await AddDocumentAsync(TimeSpan.FromHours(1));
        var first = await AddJobAsync(owner, JobStatus.Completed, TimeSpan.FromDays(8), shared);
        // A result-cache hit: a later job completed with the same document.
        var second = await AddJobAsync(owner, JobStatus.Completed, TimeSpan.FromDays(1), shared);

        await Cleaner().RunOnceAsync(CancellationToken.None);

        Assert.Equal([second], await RemainingJobsAsync(first, second));
        Assert.Equal(new[] { shared, youngOrphan }.Order(), await RemainingDocumentsAsync(shared, youngOrphan));

        await system.QueryAsync(db => db.ResumeJobs.Where(j => j.Id == second)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CreatedAt, Now - TimeSpan.FromDays(8))));
        var result = await Cleaner().RunOnceAsync(CancellationToken.None);

        Assert.True(result.Documents >= 1);
        Assert.Empty(await RemainingJobsAsync(second));
        Assert.Equal([youngOrphan], await RemainingDocumentsAsync(shared, youngOrphan));
    }

    [Fact]
    public async Task Deletes_run_in_batches_until_nothing_is_left()
    {
        var owner = await NewOwnerAsync();
        var jobs = new List<Guid>();
        var documents = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add(await AddJobAsync(owner, JobStatus.Completed, TimeSpan.FromDays(8 + i)));
            documents.Add(await AddDocumentAsync(TimeSpan.FromDays(8 + i)));
        }

        var result = await Cleaner(batchSize: 2).RunOnceAsync(CancellationToken.None);

        Assert.Empty(await RemainingJobsAsync([.. jobs]));
        Assert.Empty(await RemainingDocumentsAsync([.. documents]));
        Assert.True(result.CompletedJobs >= 5);
        Assert.True(result.Documents >= 5);
        // At least 2+2+1 for the jobs, 2+2+1 for the documents, one empty round each for failed and cancelled.
        Assert.True(result.Batches >= 8, $"only {result.Batches} batches");
    }

    [Fact]
    public async Task Concurrent_rounds_share_the_work_without_errors()
    {
        var owner = await NewOwnerAsync();
        var jobs = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            jobs.Add(await AddJobAsync(owner, i % 2 == 0 ? JobStatus.Completed : JobStatus.Failed, TimeSpan.FromDays(10),
                await AddDocumentAsync(TimeSpan.FromDays(10))));
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Cleaner(batchSize: 3).RunOnceAsync(CancellationToken.None)));

        Assert.Empty(await RemainingJobsAsync([.. jobs]));
        Assert.True(results.Sum(r => r.CompletedJobs + r.FailedJobs) >= 20);
    }

    [Fact]
    public async Task The_background_service_runs_rounds_on_its_interval()
    {
        var owner = await NewOwnerAsync();
        var old = await AddJobAsync(owner, JobStatus.Completed, TimeSpan.FromDays(8));
        var options = Options.Create(new RetentionOptions { Interval = TimeSpan.FromSeconds(1) });
        using var service = new RetentionService(Cleaner(), new FixedClock(Now), options, NullLogger<RetentionService>.Instance);

        await service.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((await RemainingJobsAsync(old)).Count > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Empty(await RemainingJobsAsync(old));
    }

    private RetentionCleaner Cleaner(int batchSize = 500) => new(
        system.Api.Services.GetRequiredService<IServiceScopeFactory>(),
        new FixedClock(Now),
        Options.Create(new RetentionOptions { BatchSize = batchSize }));

    private async Task<string> NewOwnerAsync()
    {
        var session = await system.NewSession().SignUpAsync();
        return await system.QueryAsync(db => db.Users.Where(u => u.Email == session.Email).Select(u => u.Id).SingleAsync());
    }

    private Task<Guid> AddJobAsync(string owner, string status, TimeSpan age, Guid? documentId = null) =>
        system.QueryAsync(async db =>
        {
            var job = new ResumeJob
            {
                Id = Guid.CreateVersion7(),
                OwnerId = owner,
                CandidateId = Guid.NewGuid(),
                CandidateVersion = 1,
                JobRef = "JOB-RETENTION",
                JobDescription = "Backend engineer",
                FileType = "word",
                Status = status,
                DocumentId = documentId,
                CreatedAt = Now - age,
            };
            db.ResumeJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

    private Task<Guid> AddDocumentAsync(TimeSpan age) =>
        system.QueryAsync(async db =>
        {
            var content = RandomNumberGenerator.GetBytes(16);
            var document = new ResumeDocument
            {
                Id = Guid.CreateVersion7(),
                Content = content,
                ContentType = "application/octet-stream",
                FileName = "resume.docx",
                Size = content.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                CreatedAt = Now - age,
            };
            db.ResumeDocuments.Add(document);
            await db.SaveChangesAsync();
            return document.Id;
        });

    // Ordered here, not in SQL: PostgreSQL and .NET order uuids differently.
    private async Task<List<Guid>> RemainingJobsAsync(params Guid[] ids) =>
        [.. (await system.QueryAsync(db => db.ResumeJobs.Where(j => ids.Contains(j.Id)).Select(j => j.Id).ToListAsync())).Order()];

    private async Task<List<Guid>> RemainingDocumentsAsync(params Guid[] ids) =>
        [.. (await system.QueryAsync(db => db.ResumeDocuments.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync())).Order()];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
