namespace ResumeAspire.Core.Data;

public sealed class ResumeDocument
{
    public Guid Id { get; set; }
    public required byte[] Content { get; set; }
    public required string ContentType { get; set; }
    public required string FileName { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
