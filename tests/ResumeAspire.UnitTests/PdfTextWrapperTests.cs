using ResumeAspire.Core.Rendering;

namespace ResumeAspire.UnitTests;

/// <summary>Line breaking on a monospaced stand-in (1 unit per character), so expectations are exact.</summary>
public class PdfTextWrapperTests
{
    private static IReadOnlyList<string> Wrap(string text, double width) => PdfTextWrapper.Wrap(text, width, s => s.Length);

    [Fact]
    public void Fills_each_line_with_as_many_words_as_fit()
    {
        Assert.Equal(["the quick", "brown fox", "jumps"], Wrap("the quick brown fox jumps", 10));
    }

    [Fact]
    public void Keeps_a_line_that_fits_exactly()
    {
        Assert.Equal(["abcde fghi"], Wrap("abcde fghi", 10));
    }

    [Fact]
    public void Cuts_a_word_wider_than_the_line_between_characters()
    {
        Assert.Equal(["a", "bcdefghijk", "lmnop q"], Wrap("a bcdefghijklmnop q", 10));
    }

    [Fact]
    public void Does_not_cut_inside_a_surrogate_pair()
    {
        var lines = Wrap("😀😀😀", 4);

        Assert.Equal(["😀😀", "😀"], lines);
    }

    [Fact]
    public void Gives_no_lines_for_empty_text()
    {
        Assert.Empty(Wrap("", 10));
        Assert.Empty(Wrap("   ", 10));
    }

    [Fact]
    public void Loses_no_words()
    {
        const string text = "Migrated nightly batch jobs from cron to an event-driven pipeline on Kafka";

        Assert.Equal(text, string.Join(' ', Wrap(text, 17)));
    }
}
