using System.Reflection;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

public class TermIndexTests
{
    public static TheoryData<string> AllPostings()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(JobDescriptions).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            data.Add(field.Name);
        }

        return data;
    }

    // FindAll skips words that start no alias and builds phrase keys on the stack; Lookup asks for
    // one whole phrase. Scanning every window with Lookup, longest first, is the definition FindAll
    // must agree with on every sample posting.
    [Theory]
    [MemberData(nameof(AllPostings))]
    public void FindAll_agrees_with_looking_up_every_window_longest_first(string posting)
    {
        var text = (string)typeof(JobDescriptions).GetField(posting)!.GetValue(null)!;
        foreach (var line in text.Split('\n'))
        {
            var tokens = TextNormalizer.Tokenize(line);

            var found = SkillLexicon.Index.FindAll(tokens).Select(m => (m.Skill.Name, m.Position)).ToList();

            Assert.Equal(ScanByLookup(SkillLexicon.Index, tokens), found);
        }
    }

    [Fact]
    public void The_longest_phrase_wins_up_to_four_words()
    {
        var tokens = TextNormalizer.Tokenize("SQL Server and end-to-end testing with SQL, React Native, Go and go");

        var found = SkillLexicon.Index.FindAll(tokens).Select(m => m.Skill.Name).ToList();

        Assert.Equal(["SQL Server", "End-to-End Testing", "SQL", "React Native", "Go"], found);
    }

    [Fact]
    public void An_extended_index_finds_its_additions_and_leaves_the_lexicon_untouched()
    {
        var umbraco = new SkillDefinition("Umbraco Forms", SkillCategory.Other, []);
        var tokens = TextNormalizer.Tokenize("We build with Umbraco Forms on Kubernetes");

        var extended = SkillLexicon.Index.With([umbraco]);

        Assert.Equal(["Umbraco Forms", "Kubernetes"], extended.FindAll(tokens).Select(m => m.Skill.Name));
        Assert.Equal(["Kubernetes"], SkillLexicon.Index.FindAll(tokens).Select(m => m.Skill.Name));
        Assert.Null(SkillLexicon.Index.Lookup("Umbraco Forms"));
    }

    [Fact]
    public void An_addition_cannot_take_a_phrase_the_lexicon_claims()
    {
        var impostor = new SkillDefinition("Not Kubernetes", SkillCategory.Other, ["k8s"]);

        var extended = SkillLexicon.Index.With([impostor]);

        Assert.Equal("Kubernetes", extended.Lookup("k8s")?.Name);
        Assert.Equal("Not Kubernetes", extended.Lookup("Not Kubernetes")?.Name);
    }

    [Fact]
    public void A_phrase_longer_than_the_stack_buffer_is_still_looked_up()
    {
        var word = new string('x', 120);
        var longName = $"{word} {word} {word}";
        var extended = SkillLexicon.Index.With([new SkillDefinition(longName, SkillCategory.Other, [])]);

        var found = extended.FindAll(TextNormalizer.Tokenize($"uses {longName} daily")).Select(m => m.Skill.Name);

        Assert.Equal([longName], found);
    }

    private static List<(string Name, int Position)> ScanByLookup(TermIndex index, IReadOnlyList<Token> tokens)
    {
        var found = new List<(string, int)>();
        var i = 0;
        while (i < tokens.Count)
        {
            var match = Enumerable.Range(1, Math.Min(TermIndex.MaxPhraseTokens, tokens.Count - i)).Reverse()
                .Select(length => (Length: length, Skill: index.Lookup(string.Join(' ', tokens.Skip(i).Take(length).Select(t => t.Original)))))
                .FirstOrDefault(m => m.Skill is not null);
            if (match.Skill is null)
            {
                i++;
                continue;
            }

            found.Add((match.Skill.Name, i));
            i += match.Length;
        }

        return found;
    }
}
