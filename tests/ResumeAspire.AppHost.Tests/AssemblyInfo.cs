// These tests run the app host's local mode: Debian packages, /proc, Unix permissions.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
