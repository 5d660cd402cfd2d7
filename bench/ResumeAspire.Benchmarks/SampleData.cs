using ResumeAspire.Core.Domain;

namespace ResumeAspire.Benchmarks;

/// <summary>
/// A realistic input of the size the service sees: a senior candidate with five roles of five
/// bullets each and 25 skills, and a full job posting of about 3,000 characters (headings, bullets,
/// company blurb, benefits), which is what users paste.
/// </summary>
internal static class SampleData
{
    public const string JobRef = "contoso-senior-platform-engineer";

    public static CandidateProfile Candidate() => new(
        FullName: "Alexandra Morgan-Reyes",
        Email: "alex.morgan-reyes@example.com",
        Phone: "+1 (415) 555-0142",
        Location: "San Francisco, CA",
        Headline: "Senior Software Engineer – distributed systems and developer platforms",
        Summary: "Backend and platform engineer with eleven years of building payment, logistics and data systems. "
            + "Cares about reliability, observability and code other people can change safely. Mentors, writes design docs, runs incident reviews.",
        Skills:
        [
            "C#", ".NET", "ASP.NET Core", "Entity Framework", "Python", "Go", "TypeScript", "React",
            "PostgreSQL", "SQL Server", "Redis", "Kafka", "RabbitMQ", "Docker", "Kubernetes", "Terraform",
            "Azure", "AWS", "GitHub Actions", "Prometheus", "Grafana", "OpenTelemetry", "gRPC", "Microservices",
            "Mentoring",
        ],
        Experience:
        [
            new ExperienceEntry("Northwind Logistics", "Staff Software Engineer", "2021-04", null,
            [
                "Led the redesign of the shipment-tracking platform into 14 microservices on ASP.NET Core and Kubernetes, cutting p99 latency from 1.8 s to 240 ms",
                "Introduced OpenTelemetry tracing and Prometheus/Grafana dashboards across 40 services; mean time to detect fell by 60%",
                "Built an event pipeline on Kafka processing 35M messages a day with exactly-once semantics for billing events",
                "Mentored six engineers, two of whom were promoted to senior, and ran the backend guild's design-review process",
                "Moved infrastructure to Terraform modules and GitHub Actions pipelines; deploys went from weekly to 30 a day",
            ]),
            new ExperienceEntry("Contoso Payments", "Senior Software Engineer", "2018-01", "2021-03",
            [
                "Designed the card-authorisation API in C# and .NET Core handling 2,000 requests per second at 99.99% availability",
                "Migrated the ledger from SQL Server to PostgreSQL with zero downtime using dual writes and a shadow-read verifier",
                "Added Redis caching and rate limiting in front of the fraud service, halving its Azure compute bill",
                "Wrote the team's on-call runbooks and led blameless post-incident reviews",
                "Replaced a hand-rolled job scheduler with RabbitMQ consumers and idempotent handlers",
            ]),
            new ExperienceEntry("Fabrikam Health", "Software Engineer II", "2015-06", "2017-12",
            [
                "Built HL7/FHIR integration services in C# with Entity Framework for 120 partner clinics",
                "Containerised twelve legacy services with Docker and moved them to AWS ECS",
                "Developed a React and TypeScript admin portal used by 300 support staff",
                "Cut the nightly reporting batch from 4 hours to 25 minutes by rewriting queries and adding indexes",
                "Introduced unit and integration testing with xUnit; coverage of the claims module rose from 20% to 85%",
            ]),
            new ExperienceEntry("Tailspin Toys", "Software Engineer", "2013-08", "2015-05",
            [
                "Wrote gRPC services in Go for the inventory and pricing systems",
                "Built Python tooling that automated store catalogue imports for 900 suppliers",
                "Maintained the e-commerce checkout in ASP.NET MVC during two Black Friday peaks without an outage",
                "Set up the first CI pipeline and code-review workflow for a team of eight",
                "Profiled and fixed memory leaks in the order service, reducing restarts from daily to none",
            ]),
            new ExperienceEntry("Adventure Works", "Junior Developer", "2012-06", "2013-07",
            [
                "Developed internal line-of-business tools in C# and SQL Server",
                "Automated the weekly sales report with Python scripts and scheduled jobs",
                "Fixed 150+ defects across the order-management system",
                "Documented the deployment process that the team used for the next three years",
                "Organised the office's monthly tech talks",
            ]),
        ],
        Education:
        [
            new EducationEntry("University of California, Davis", "BSc Computer Science", "2012"),
            new EducationEntry("Stanford Center for Professional Development", "Certificate in Distributed Systems", "2019"),
        ]);

    /// <summary>About 3,000 characters, written the way postings are written.</summary>
    public const string JobDescription = """
        Senior Platform Engineer (.NET / Kubernetes) – Payments Infrastructure

        About Contoso
        Contoso moves money for more than 40,000 small and mid-sized businesses across North America and Europe.
        Our platform processes billions of dollars a year, and our customers rely on it to get paid on time.
        We are a remote-first company of 450 people, with hubs in Seattle, Toronto and Dublin.

        About the team
        The Payments Infrastructure team owns the services every payment passes through: authorisation,
        the ledger, settlement and the event backbone that connects them. We care about reliability,
        clear ownership and writing things down.

        What you'll do
        - Design, build and operate high-throughput APIs and microservices in C# on ASP.NET Core
        - Own services end to end, from design documents through deployment to on-call
        - Evolve our event-driven architecture on Kafka, with RabbitMQ for work queues
        - Improve observability across the platform with OpenTelemetry, Prometheus and Grafana
        - Run our workloads on Kubernetes (AKS) in Azure, managed with Terraform and Helm
        - Build CI/CD pipelines in GitHub Actions that let teams ship safely many times a day
        - Mentor engineers, review designs and raise the bar for code quality and testing
        - Work closely with product managers, security and compliance on PCI DSS requirements

        Requirements
        - 6+ years of professional software engineering experience, including 4+ with C# and .NET
        - Strong SQL skills and experience operating PostgreSQL or SQL Server in production
        - Hands-on experience with Docker and Kubernetes
        - Experience designing REST and gRPC APIs and distributed systems
        - Solid grasp of unit testing and integration testing (xUnit or NUnit)
        - Experience with message brokers such as Kafka or RabbitMQ
        - Excellent written and verbal communication skills

        Nice to have
        - Infrastructure as code with Terraform
        - Redis for caching and rate limiting
        - Experience in payments, fintech or another regulated industry
        - Go or Python for tooling
        - Familiarity with Entity Framework Core and Dapper
        - On-call and incident response experience; you have led a post-incident review

        What success looks like after a year
        You have shipped the move of settlement onto the event backbone, cut p99 latency of the
        authorisation path, and the engineers you mentor review and lead designs on their own.

        How we work
        We use Agile practices without the ceremony: small teams, short cycles, and written RFCs for
        anything that is hard to undo. Everyone is on call for what they build, with a rotation of one
        week in six and real time off afterwards.

        Benefits
        - Competitive salary and equity
        - Health, dental and vision insurance
        - 30 days of paid holiday plus public holidays
        - $2,000 yearly learning budget and conference time
        - Home-office stipend and a new laptop of your choice

        Contoso is an equal opportunity employer. We welcome applicants of every background and do not
        discriminate on the basis of race, religion, gender, sexual orientation, age or disability.
        """;
}
