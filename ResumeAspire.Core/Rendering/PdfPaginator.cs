using PdfSharp.Drawing;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// Breaks blocks into lines and lines into pages, with the rules a word processor applies:
/// a new page when the next line does not fit; keep-with-next blocks (headings, role titles and
/// dates) move to the next page together with the start of what they introduce, so a heading
/// never ends a page; and no paragraph leaves a single line behind at the bottom of a page or
/// alone at the top of the next (widow and orphan control).
/// </summary>
internal sealed class PdfPaginator(PdfStyleSheet styles, Func<string, XFont, double> measure)
{
    // Half a point of tolerance so rounding in the sum of line heights never pushes a line that fits exactly.
    private const double Tolerance = 0.5;

    // A paragraph split across pages keeps at least this many lines on each side.
    private const int MinLinesPerSide = 2;

    public PdfDocumentLayout Lay(IReadOnlyList<PdfBlock> blocks)
    {
        var wrapped = blocks.Select(Wrap).Where(w => w.Lines.Count > 0).ToList();
        var cursor = new Cursor();
        for (var i = 0; i < wrapped.Count; i++)
        {
            var block = wrapped[i];
            if (block.Style.KeepWithNext && !cursor.AtTop)
            {
                var needed = block.Style.SpaceBefore + block.Height + block.Style.SpaceAfter + FollowingHeight(wrapped, i + 1);
                if (cursor.Y + needed > PdfPageGeometry.Bottom + Tolerance)
                {
                    cursor.NewPage();
                }
            }

            Place(block, cursor);
        }

        return new PdfDocumentLayout(styles, cursor.Pages);
    }

    private WrappedBlock Wrap(PdfBlock block)
    {
        var style = styles[block.Role];
        var text = style.Uppercase ? block.Text.ToUpperInvariant() : block.Text;
        var lines = PdfTextWrapper.Wrap(text, PdfPageGeometry.ContentWidth - style.Indent, s => measure(s, style.Font));
        return new WrappedBlock(block, style, lines);
    }

    /// <summary>
    /// The room that has to stay on the page with a keep-with-next block: every keep-with-next
    /// block after it, then the part of the next ordinary paragraph that may not be separated from
    /// its start (all of it when it is too short to split).
    /// </summary>
    private static double FollowingHeight(List<WrappedBlock> wrapped, int from)
    {
        var height = 0.0;
        for (var i = from; i < wrapped.Count; i++)
        {
            var block = wrapped[i];
            height += block.Style.SpaceBefore;
            if (!block.Style.KeepWithNext)
            {
                return height + (SmallestFirstPart(block.Lines.Count) * block.Style.LineHeight);
            }

            height += block.Height + block.Style.SpaceAfter;
        }

        return height;
    }

    // A paragraph of up to 2 × MinLinesPerSide - 1 lines cannot be split without a widow or an orphan.
    private static int SmallestFirstPart(int lineCount) => lineCount < 2 * MinLinesPerSide ? lineCount : MinLinesPerSide;

    private static void Place(WrappedBlock block, Cursor cursor)
    {
        var style = block.Style;
        var lines = block.Lines;
        var start = 0;
        while (start < lines.Count)
        {
            var before = start == 0 && !cursor.AtTop ? style.SpaceBefore : 0;
            var available = PdfPageGeometry.Bottom - cursor.Y - before + Tolerance;
            var rest = lines.Count - start;
            var take = rest * style.LineHeight + style.RuleSpace <= available ? rest : Splittable(style, start, rest, (int)Math.Floor(available / style.LineHeight));
            if (take <= 0)
            {
                if (cursor.AtTop)
                {
                    // Not even an empty page holds the minimum: place what fits rather than loop forever.
                    take = Math.Max(1, (int)Math.Floor(available / style.LineHeight));
                }
                else
                {
                    cursor.NewPage();
                    continue;
                }
            }

            take = Math.Min(take, rest);
            cursor.Y += before;
            for (var i = start; i < start + take; i++)
            {
                var first = i == 0;
                cursor.Page.Lines.Add(first && block.Block.Link is { } link
                    ? new PdfLine(block.Block.Role, lines[i], PdfPageGeometry.Margin + style.Indent, cursor.Y, first, link, block.Block.LinkLength)
                    : new PdfLine(block.Block.Role, lines[i], PdfPageGeometry.Margin + style.Indent, cursor.Y, first));
                cursor.Y += style.LineHeight;
                cursor.AtTop = false;
            }

            start += take;
            if (start < lines.Count)
            {
                cursor.NewPage();
            }
        }

        if (style.RuleBelow > 0)
        {
            var y = cursor.Y + style.RuleGap + (style.RuleBelow / 2);
            cursor.Page.Rules.Add(new PdfRule(PdfPageGeometry.Margin, PdfPageGeometry.Margin + PdfPageGeometry.ContentWidth, y, style.RuleBelow));
            cursor.Y += style.RuleSpace;
        }

        cursor.Y += style.SpaceAfter;
    }

    /// <summary>How many of the remaining lines go on this page when not all fit; 0 moves the whole rest on.</summary>
    private static int Splittable(PdfTextStyle style, int start, int rest, int fit)
    {
        if (style.KeepWithNext || fit <= 0)
        {
            // A heading is never split; it moves to the next page whole.
            return 0;
        }

        // Leave at least two lines for the next page (no widow)...
        var take = Math.Min(fit, rest - MinLinesPerSide);

        // ...and start a paragraph with at least two lines on this one (no orphan).
        return start == 0 && take < MinLinesPerSide ? 0 : take;
    }

    private sealed record WrappedBlock(PdfBlock Block, PdfTextStyle Style, IReadOnlyList<string> Lines)
    {
        public double Height => (Lines.Count * Style.LineHeight) + Style.RuleSpace;
    }

    private sealed class Cursor
    {
        public Cursor() => NewPage();

        public List<PdfPageLayout> Pages { get; } = [];

        public PdfPageLayout Page => Pages[^1];

        public double Y { get; set; }

        /// <summary>Nothing placed on the current page yet: space before a block is dropped here, as Word does.</summary>
        public bool AtTop { get; set; }

        public void NewPage()
        {
            Pages.Add(new PdfPageLayout());
            Y = PdfPageGeometry.Margin;
            AtTop = true;
        }
    }
}
