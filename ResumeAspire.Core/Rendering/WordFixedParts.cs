using System.Collections.Concurrent;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// The parts of a .docx that are the same for every resume of a template (styles, bullet
/// numbering, settings), serialised once per theme and copied into each new package: building
/// and writing their element trees again for every document was a large share of the render.
/// </summary>
internal static class WordFixedParts
{
    private static readonly ConcurrentDictionary<ResumeTheme, Parts> ByTheme = new();

    public static void AddTo(MainDocumentPart main, ResumeTheme theme)
    {
        var parts = ByTheme.GetOrAdd(theme, static t => new Parts(
            Serialise(WordStyles.Create(t)), Serialise(WordNumbering.Create()), Serialise(WordSettings.Create())));
        Feed(main.AddNewPart<StyleDefinitionsPart>(), parts.Styles);
        Feed(main.AddNewPart<NumberingDefinitionsPart>(), parts.Numbering);
        Feed(main.AddNewPart<DocumentSettingsPart>(), parts.Settings);
    }

    private static void Feed(OpenXmlPart part, byte[] xml)
    {
        using var stream = new MemoryStream(xml, writable: false);
        part.FeedData(stream);
    }

    // What the SDK itself writes for a part: a UTF-8 declaration, then the root with its namespaces.
    private static byte[] Serialise(OpenXmlPartRootElement root) =>
        Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + root.OuterXml);

    private sealed record Parts(byte[] Styles, byte[] Numbering, byte[] Settings);
}
