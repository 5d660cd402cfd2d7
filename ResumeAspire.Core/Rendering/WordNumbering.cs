using DocumentFormat.OpenXml.Wordprocessing;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// One bullet list definition. Bullet glyphs live here, not in the text, so copying a bullet or
/// parsing the document yields the words alone.
/// </summary>
internal static class WordNumbering
{
    public const int BulletListId = 1;
    private const int BulletAbstractId = 0;

    public static Numbering Create() => new(
        new AbstractNum(
            new Nsid { Val = "5A1C3F20" },
            new MultiLevelType { Val = MultiLevelValues.SingleLevel },
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "\u2022" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = BulletAbstractId },
        new NumberingInstance(new AbstractNumId { Val = BulletAbstractId }) { NumberID = BulletListId });
}
