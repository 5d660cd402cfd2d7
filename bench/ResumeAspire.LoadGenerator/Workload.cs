using System.Text;

namespace ResumeAspire.LoadGenerator;

/// <summary>
/// Request bodies sized like real ones: a senior candidate (5 roles × 5 bullets, 25 skills, as in
/// the micro-benchmarks' sample) and job postings of 1.5–3 KB with blurb, responsibilities,
/// requirements, nice-to-haves and benefits. Every posting is unique (a requisition number and a
/// random pick of skills), so the result cache only hits when a user deliberately repeats one.
/// </summary>
public static class Workload
{
    private static readonly string[] Skills =
    [
        "C#", ".NET", "ASP.NET Core", "Entity Framework Core", "PostgreSQL", "Redis", "Kafka", "RabbitMQ",
        "Docker", "Kubernetes", "Terraform", "AWS", "Azure", "GCP", "Python", "Go", "Java", "TypeScript",
        "React", "Node.js", "GraphQL", "gRPC", "REST APIs", "Microservices", "CI/CD", "GitHub Actions",
        "OpenTelemetry", "Prometheus", "Grafana", "Elasticsearch", "SQL Server", "MongoDB", "Linux",
        "Bash", "Helm", "Ansible", "Jenkins", "Spark", "Airflow", "Snowflake", "dbt", "Machine Learning",
        "Distributed Systems", "System Design", "Performance Tuning", "Security", "OAuth 2.0", "Agile",
        "Scrum", "Mentoring", "Rust", "Scala", "Vue.js", "Angular", "Nginx", "Service Bus", "Cosmos DB",
        "BigQuery", "Observability", "SRE",
    ];

    private static readonly string[] Companies =
    [
        "Northwind Logistics", "Contoso Health", "Fabrikam Payments", "Adventure Works Travel", "Tailspin Media",
        "Woodgrove Bank", "Litware Analytics", "Proseware Robotics", "Alpine Ski House", "Wide World Importers",
    ];

    private static readonly string[] Roles =
    [
        "Senior Backend Engineer", "Staff Software Engineer", "Platform Engineer", "Site Reliability Engineer",
        "Full-Stack Developer", "Data Engineer", "Cloud Infrastructure Engineer", "Lead .NET Developer",
    ];

    private static readonly string[] Responsibilities =
    [
        "Design, build and operate services that handle millions of requests a day with tight latency budgets.",
        "Own features end to end: from the design document through code review, rollout and on-call support.",
        "Improve the reliability of our job processing pipeline and the observability around it.",
        "Work closely with product managers and designers to turn customer problems into shipped software.",
        "Lead technical discussions, write clear design documents and mentor engineers on the team.",
        "Tune database queries, caching and queueing so the platform scales with our customers.",
        "Automate infrastructure and deployments so every engineer can ship safely several times a day.",
        "Take part in a fair on-call rotation and drive the follow-ups from incident reviews.",
    ];

    private static readonly string[] Benefits =
    [
        "Competitive salary and equity", "Remote-first with quarterly team offsites", "25 days of paid holiday",
        "A learning budget for books, courses and conferences", "Private health insurance for you and your family",
        "Flexible working hours", "Parental leave of 20 weeks", "A home-office budget",
    ];

    /// <summary>A posting of about 1.5–3 KB; <paramref name="requisition"/> makes it unique.</summary>
    public static string JobDescription(Random random, long requisition)
    {
        var company = Companies[random.Next(Companies.Length)];
        var role = Roles[random.Next(Roles.Length)];
        var required = Pick(random, 5 + random.Next(5));
        var nice = Pick(random, 2 + random.Next(4));
        var sb = new StringBuilder(3000);
        sb.Append(role).Append(" at ").Append(company).Append(" (requisition REQ-").Append(requisition).Append(")\n\n");
        sb.Append("About us: ").Append(company)
            .Append(" builds software that thousands of businesses rely on every day. We are a team of engineers, ")
            .Append("designers and operators who care about craft, kindness and shipping things that work. ")
            .Append("We are growing quickly and are looking for a ").Append(role)
            .Append(" to join one of our product teams.\n\n");
        sb.Append("What you will do:\n");
        foreach (var line in Responsibilities.OrderBy(_ => random.Next()).Take(4 + random.Next(3)))
        {
            sb.Append("- ").Append(line).Append('\n');
        }

        sb.Append("\nRequirements:\n");
        foreach (var skill in required)
        {
            sb.Append("- ").Append(3 + random.Next(5)).Append("+ years of professional experience with ").Append(skill).Append('\n');
        }

        sb.Append("- Strong communication skills and a habit of writing things down\n");
        sb.Append("\nNice to have:\n");
        foreach (var skill in nice)
        {
            sb.Append("- Experience with ").Append(skill).Append('\n');
        }

        sb.Append("\nWhat we offer:\n");
        foreach (var benefit in Benefits.OrderBy(_ => random.Next()).Take(3 + random.Next(4)))
        {
            sb.Append("- ").Append(benefit).Append('\n');
        }

        sb.Append("\nWe welcome applicants of every background. Tell us in your application which of the ")
            .Append("requirements above you meet and which you would like to learn.");
        return sb.ToString();
    }

    public static object Candidate(int user) => new
    {
        full_name = $"Load User {user}",
        email = $"candidate{user}@bench.example.com",
        phone = "+44 20 7946 0000",
        location = "London, UK",
        headline = "Senior Backend Engineer",
        summary = "Backend engineer with ten years of experience building reliable distributed systems, job queues and APIs, " +
                  "from the first design document to production operations.",
        skills = Skills.Take(25).ToArray(),
        experience = Enumerable.Range(0, 5).Select(r => new
        {
            company = Companies[(user + r) % Companies.Length],
            title = r == 0 ? "Senior Backend Engineer" : Roles[(user + r) % Roles.Length],
            start_date = $"{2024 - (3 * r) - 3}-01",
            end_date = r == 0 ? "Present" : $"{2024 - (3 * r)}-12",
            bullets = new[]
            {
                $"Designed a job queue on Redis Streams processing {2 + r} million jobs a day with at-least-once delivery",
                "Ran PostgreSQL schema migrations with zero downtime across 40 services",
                "Cut the p99 latency of the public API from 900 ms to 120 ms by caching and query tuning",
                "Introduced OpenTelemetry tracing and dashboards that halved the time to resolve incidents",
                "Mentored six engineers and led the move from virtual machines to Kubernetes and Terraform",
            },
        }).ToArray(),
        education = new[]
        {
            new { school = "University of London", degree = "BSc Mathematics", year = "2012" },
            new { school = "Open University", degree = "MSc Computer Science", year = "2016" },
        },
    };

    private static List<string> Pick(Random random, int count) => Skills.OrderBy(_ => random.Next()).Take(count).ToList();
}
