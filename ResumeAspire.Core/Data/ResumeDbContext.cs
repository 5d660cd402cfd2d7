using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Data;

public sealed class ResumeDbContext(DbContextOptions<ResumeDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<ResumeJob> ResumeJobs => Set<ResumeJob>();
    public DbSet<ResumeDocument> ResumeDocuments => Set<ResumeDocument>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Candidate>(candidate =>
        {
            candidate.ToTable("candidates");
            candidate.HasKey(c => c.Id);
            candidate.Property(c => c.OwnerId).HasMaxLength(450);
            candidate.Property(c => c.FullName).HasMaxLength(200);
            candidate.Property(c => c.Email).HasMaxLength(320);
            candidate.Property(c => c.Phone).HasMaxLength(50);
            candidate.Property(c => c.Location).HasMaxLength(200);
            candidate.Property(c => c.Headline).HasMaxLength(300);
            candidate.Property(c => c.Summary).HasMaxLength(5000);
            JsonColumn(candidate.Property(c => c.Experience));
            JsonColumn(candidate.Property(c => c.Education));
            candidate.Property(c => c.Version).IsConcurrencyToken();
            candidate.HasIndex(c => new { c.OwnerId, c.CreatedAt });
            candidate.HasOne<AppUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ResumeJob>(job =>
        {
            job.ToTable("resume_jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.OwnerId).HasMaxLength(450);
            job.Property(j => j.JobRef).HasMaxLength(100);
            job.Property(j => j.FileType).HasMaxLength(20);
            job.Property(j => j.Template).HasMaxLength(20).HasDefaultValue(Domain.ResumeTemplates.Default);
            job.Property(j => j.Note).HasMaxLength(1000);
            job.Property(j => j.Status).HasMaxLength(20);
            job.Property(j => j.Stage).HasMaxLength(100);
            job.Property(j => j.Error).HasMaxLength(2000);
            job.Property(j => j.CacheKey).HasMaxLength(64);
            job.Property(j => j.TraceParent).HasMaxLength(55);
            job.Property(j => j.TraceState).HasMaxLength(512);
            job.Property(j => j.IdempotencyKey).HasMaxLength(200);
            job.Property(j => j.RequestHash).HasMaxLength(64);
            // "My jobs, newest first" is the hottest list query.
            job.HasIndex(j => new { j.OwnerId, j.CreatedAt });
            job.HasIndex(j => new { j.OwnerId, j.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            // The lost-message sweeper and retention scan by status and age.
            job.HasIndex(j => new { j.Status, j.CreatedAt });
            // The enqueue's per-user in-flight cap counts only these rows.
            job.HasIndex(j => j.OwnerId, "ix_resume_jobs_owner_id_active").HasFilter("status IN ('PENDING', 'PROCESSING')");
            job.HasOne<AppUser>().WithMany().HasForeignKey(j => j.OwnerId).OnDelete(DeleteBehavior.Cascade);
            job.HasOne<ResumeDocument>().WithMany().HasForeignKey(j => j.DocumentId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<ResumeDocument>(document =>
        {
            document.ToTable("resume_documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.ContentType).HasMaxLength(200);
            document.Property(d => d.FileName).HasMaxLength(300);
            document.Property(d => d.Sha256).HasMaxLength(64);
        });
    }

    private static void JsonColumn<T>(PropertyBuilder<List<T>> property)
    {
        property.HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<List<T>>(json, JsonSerializerOptions.Web) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Web) == JsonSerializer.Serialize(b, JsonSerializerOptions.Web),
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!));
    }
}
