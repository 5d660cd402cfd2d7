namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// Skills that cannot be practised without another one: someone who lists PostgreSQL writes SQL,
/// someone who ships ASP.NET Core knows .NET. Used only to decide what a candidate covers and how
/// relevant their skills and bullets are; the resume itself still shows only the candidate's words.
/// Kept to implications a recruiter would not dispute.
/// </summary>
internal static class SkillImplications
{
    private static readonly Dictionary<string, string[]> Direct = Build(
        ("SQL", ["PostgreSQL", "MySQL", "MariaDB", "SQL Server", "Oracle Database", "SQLite", "Snowflake", "BigQuery", "Redshift"]),
        (".NET", ["C#", "F#", "ASP.NET Core", "Entity Framework", "Blazor", "WPF", "WinForms", ".NET MAUI", "LINQ", "SignalR", "Xamarin"]),
        ("Java", ["Spring Boot", "Hibernate"]),
        ("Python", ["Django", "Flask", "FastAPI", "pandas", "NumPy", "scikit-learn", "pytest", "Celery", "SQLAlchemy", "PyTorch"]),
        ("Ruby", ["Ruby on Rails"]),
        ("PHP", ["Laravel", "Symfony"]),
        ("JavaScript", ["TypeScript", "React", "Vue.js", "Angular", "Svelte", "Node.js", "Express.js", "NestJS", "jQuery"]),
        ("React", ["Next.js", "React Native", "Redux"]),
        ("Node.js", ["Express.js", "NestJS"]),
        ("Swift", ["SwiftUI"]),
        ("iOS", ["SwiftUI", "UIKit", "Core Data", "XCTest"]),
        ("Android", ["Jetpack Compose"]),
        ("Kotlin", ["Jetpack Compose"]),
        ("Dart", ["Flutter"]),
        ("Kubernetes", ["Helm", "Argo CD"]),
        ("AWS", ["AWS Lambda", "CloudFormation", "SageMaker", "DynamoDB", "Redshift", "Kinesis", "AWS Glue"]),
        ("Azure", ["Azure DevOps", "Cosmos DB", "Azure Service Bus"]),
        ("GCP", ["BigQuery", "Vertex AI"]),
        ("CI/CD", ["GitHub Actions", "GitLab CI", "Jenkins", "CircleCI", "Azure DevOps", "Argo CD"]),
        ("Infrastructure as Code", ["Terraform", "Pulumi", "CloudFormation"]),
        ("Agile", ["Scrum", "Kanban", "SAFe"]),
        ("Machine Learning", ["Deep Learning", "NLP", "Computer Vision", "PyTorch", "TensorFlow", "Keras", "scikit-learn", "XGBoost", "LightGBM", "MLOps"]),
        ("Deep Learning", ["PyTorch", "TensorFlow", "Keras"]),
        ("CRM", ["Salesforce", "HubSpot"]),
        ("Electronic Health Records", ["Epic", "Cerner", "Meditech"]),
        ("Test Automation", ["Selenium", "Cypress", "Playwright", "Appium"]),
        ("Unit Testing", ["xUnit", "NUnit", "JUnit", "pytest", "Jest", "Vitest", "Mocha", "XCTest", "TDD"]),
        ("Message Queues", ["Apache Kafka", "RabbitMQ", "Azure Service Bus"]),
        ("Git", ["GitHub Actions", "GitLab CI"]));

    /// <summary>The names plus everything they imply, transitively (SwiftUI → Swift, iOS).</summary>
    public static HashSet<string> Close(IEnumerable<string> names)
    {
        var result = new HashSet<string>(names, StringComparer.Ordinal);
        var pending = new Stack<string>(result);
        while (pending.TryPop(out var name))
        {
            foreach (var implied in Direct.GetValueOrDefault(name, []))
            {
                if (result.Add(implied))
                {
                    pending.Push(implied);
                }
            }
        }

        return result;
    }

    /// <summary>Every skill named as a source or a consequence, for the lexicon test.</summary>
    internal static IEnumerable<string> AllNames => Direct.Keys.Concat(Direct.Values.SelectMany(v => v));

    private static Dictionary<string, string[]> Build(params (string Implied, string[] By)[] rules) =>
        rules.SelectMany(r => r.By.Select(by => (by, r.Implied)))
            .GroupBy(p => p.by, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Implied).ToArray(), StringComparer.Ordinal);
}
