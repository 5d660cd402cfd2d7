using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// PDFsharp's core build finds no fonts by itself on Linux, so it gets them from here: Liberation
/// Sans and Serif (SIL OFL 1.1, see Fonts/LICENSE-Liberation.txt) compiled into this assembly.
/// Nothing is looked up on the machine or downloaded, so a PDF looks the same on every host.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Sans = "Liberation Sans";
    public const string Serif = "Liberation Serif";

    private const string SansRegular = "LiberationSans-Regular";
    private const string SansBold = "LiberationSans-Bold";
    private const string SansItalic = "LiberationSans-Italic";
    private const string SerifBold = "LiberationSerif-Bold";

    private static readonly PdfFonts Instance = new();
    private static readonly Lock Gate = new();
    private static volatile bool _installed;

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private PdfFonts()
    {
    }

    /// <summary>
    /// Makes these fonts PDFsharp's resolver. PDFsharp keeps a single resolver per process and
    /// refuses a different one after the first font was used, so this is done once, before any
    /// rendering, and setting the same instance again is harmless.
    /// </summary>
    public static void EnsureInstalled()
    {
        if (_installed)
        {
            return;
        }

        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is { } other && !ReferenceEquals(other, Instance))
            {
                throw new InvalidOperationException(
                    $"PDFsharp already has the font resolver {other.GetType().FullName}; the PDF resume renderer needs its own embedded fonts.");
            }

            GlobalFontSettings.FontResolver = Instance;
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        // Only bold serif is shipped (the modern template's name and headings); a serif request of
        // another weight gets it too rather than failing. Any family we do not know (PDFsharp asks
        // for its own defaults in some code paths) falls back to the sans body face.
        if (string.Equals(familyName, Serif, StringComparison.OrdinalIgnoreCase))
        {
            return new FontResolverInfo(SerifBold, mustSimulateBold: false, mustSimulateItalic: italic);
        }

        return (bold, italic) switch
        {
            (true, true) => new FontResolverInfo(SansBold, mustSimulateBold: false, mustSimulateItalic: true),
            (true, false) => new FontResolverInfo(SansBold),
            (false, true) => new FontResolverInfo(SansItalic),
            _ => new FontResolverInfo(SansRegular),
        };
    }

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        var resource = $"ResumeAspire.Fonts.{faceName}.ttf";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font resource '{resource}' is missing from {typeof(PdfFonts).Assembly.GetName().Name}.");
        using var bytes = new MemoryStream((int)stream.Length);
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
