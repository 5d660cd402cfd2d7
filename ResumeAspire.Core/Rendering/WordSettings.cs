using DocumentFormat.OpenXml.Wordprocessing;

namespace ResumeAspire.Core.Rendering;

/// <summary>Declares the current Word layout engine, so Word does not open the file in compatibility mode.</summary>
internal static class WordSettings
{
    public static Settings Create() => new(
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }));
}
