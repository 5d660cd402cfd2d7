using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

public class KeywordExtractionTests
{
    public static TheoryData<string, string, string[]> Postings => new()
    {
        { nameof(JobDescriptions.BackendDotNet), JobDescriptions.BackendDotNet,
            ["C#", ".NET", "ASP.NET Core", "SQL", "PostgreSQL", "SQL Server", "Docker", "CI/CD", "REST", "Unit Testing", "xUnit", "Microservices", "Kubernetes", "Apache Kafka", "RabbitMQ", "Redis"] },
        { nameof(JobDescriptions.FrontendReact), JobDescriptions.FrontendReact,
            ["React", "TypeScript", "JavaScript", "HTML", "CSS", "Redux", "GraphQL", "REST", "Jest", "React Testing Library", "Figma", "Design Systems", "Next.js", "Tailwind CSS", "Storybook"] },
        { nameof(JobDescriptions.DataEngineering), JobDescriptions.DataEngineering,
            ["Apache Spark", "Apache Kafka", "Apache Airflow", "dbt", "Snowflake", "Python", "SQL", "Data Modeling", "Data Warehousing", "AWS", "AWS Glue", "Redshift", "Scala", "Databricks", "Delta Lake", "Terraform"] },
        { nameof(JobDescriptions.DevOpsKubernetes), JobDescriptions.DevOpsKubernetes,
            ["Kubernetes", "Terraform", "Helm", "Infrastructure as Code", "CI/CD", "GitHub Actions", "Jenkins", "GitOps", "Argo CD", "Prometheus", "Grafana", "OpenTelemetry", "Linux", "Bash", "Go", "Python", "Incident Management", "Service Mesh", "Ansible"] },
        { nameof(JobDescriptions.Nursing), JobDescriptions.Nursing,
            ["Registered Nurse", "Medical-Surgical", "Patient Assessment", "Vital Signs", "Medication Administration", "IV Therapy", "Care Planning", "Patient Education", "Epic", "Electronic Health Records", "Infection Control", "BLS", "ACLS", "BSN", "Acute Care", "Communication", "Teamwork"] },
        { nameof(JobDescriptions.Sales), JobDescriptions.Sales,
            ["B2B", "SaaS", "Full-Cycle Sales", "Prospecting", "Cold Calling", "Sales Presentations", "Negotiation", "Closing", "Salesforce", "Forecasting", "Quota Attainment", "Consultative Selling", "MEDDIC", "Relationship Building", "HubSpot", "CRM"] },
        { nameof(JobDescriptions.MobileIos), JobDescriptions.MobileIos,
            ["iOS", "Swift", "SwiftUI", "UIKit", "Core Data", "Offline-First", "Push Notifications", "XCTest", "App Store", "MVVM", "Combine", "Objective-C", "Kotlin", "Android", "GitHub Actions", "fastlane"] },
        { nameof(JobDescriptions.QualityAssurance), JobDescriptions.QualityAssurance,
            ["Quality Assurance", "Test Planning", "Test Automation", "Selenium", "Cypress", "Playwright", "Regression Testing", "API Testing", "Postman", "Jira", "Java", "Python", "CI/CD", "Jenkins", "Performance Testing", "JMeter", "k6", "BDD", "Cucumber", "ISTQB"] },
        { nameof(JobDescriptions.MachineLearning), JobDescriptions.MachineLearning,
            ["Machine Learning", "NLP", "Python", "PyTorch", "TensorFlow", "Deep Learning", "Large Language Models", "RAG", "Vector Databases", "pandas", "NumPy", "MLflow", "SageMaker", "Kubernetes", "MLOps", "scikit-learn", "XGBoost", "Computer Vision"] },
        { nameof(JobDescriptions.ProductManager), JobDescriptions.ProductManager,
            ["Product Management", "Product Roadmap", "User Research", "Customer Discovery", "PRDs", "User Stories", "Prioritization", "Backlog Management", "OKRs", "KPIs", "A/B Testing", "B2B", "SaaS", "Stakeholder Management", "Communication", "SQL", "Amplitude", "Mixpanel", "Agile", "Scrum", "Jira", "Confluence", "Go-to-Market", "Figma"] },
    };

    [Theory]
    [MemberData(nameof(Postings))]
    public void Finds_the_skills_a_posting_asks_for(string posting, string jobDescription, string[] expected)
    {
        var names = KeywordTailor.ExtractKeywords(jobDescription).Select(k => k.Name).ToHashSet();

        var absent = expected.Where(e => !names.Contains(e)).ToList();
        Assert.True(absent.Count == 0, $"{posting}: not found {string.Join(", ", absent)}; found {string.Join(", ", names)}");
    }

    [Theory]
    [MemberData(nameof(Postings))]
    public void Finds_nothing_that_is_not_a_skill(string posting, string jobDescription, string[] expected)
    {
        _ = expected;
        string[] neverSkills = ["Product Management", "UI Design", "Excel", "REST", "Go", "R", "IV Therapy"];
        var names = KeywordTailor.ExtractKeywords(jobDescription).Select(k => k.Name);

        // Only a posting that really names one of these may contain it.
        var allowed = posting switch
        {
            nameof(JobDescriptions.BackendDotNet) or nameof(JobDescriptions.FrontendReact) => ["REST"],
            nameof(JobDescriptions.DevOpsKubernetes) => ["Go"],
            nameof(JobDescriptions.Nursing) => ["IV Therapy"],
            nameof(JobDescriptions.ProductManager) => ["Product Management"],
            _ => Array.Empty<string>(),
        };
        Assert.Empty(names.Intersect(neverSkills).Except(allowed));
    }

    [Fact]
    public void Orders_a_backend_posting_by_importance()
    {
        var top = KeywordTailor.ExtractKeywords(JobDescriptions.BackendDotNet).Take(5).Select(k => k.Name);

        // .NET: title + required + repeated; C#: required + repeated; then required skills in reading order.
        Assert.Equal([".NET", "C#", "SQL", "PostgreSQL", "SQL Server"], top);
    }

    [Fact]
    public void Orders_a_machine_learning_posting_by_importance()
    {
        var top = KeywordTailor.ExtractKeywords(JobDescriptions.MachineLearning).Take(4).Select(k => k.Name);

        Assert.Equal(["Machine Learning", "NLP", "Large Language Models", "Python"], top);
    }

    [Fact]
    public void Orders_a_sales_posting_by_importance()
    {
        var top = KeywordTailor.ExtractKeywords(JobDescriptions.Sales).Take(4).Select(k => k.Name);

        Assert.Equal(["B2B", "SaaS", "Negotiation", "Salesforce"], top);
    }

    [Theory]
    [InlineData("Strong JS skills", "JavaScript")]
    [InlineData("Modern JavaScript (ES6+)", "JavaScript")]
    [InlineData("Experience running k8s clusters", "Kubernetes")]
    [InlineData("Kubernetes experience", "Kubernetes")]
    [InlineData("csharp developer", "C#")]
    [InlineData("C-Sharp developer", "C#")]
    [InlineData("Backend in dotnet", ".NET")]
    [InlineData(".NET Core services", ".NET")]
    [InlineData("Postgres or MySQL", "PostgreSQL")]
    [InlineData("golang services", "Go")]
    [InlineData("ReactJS front end", "React")]
    [InlineData("NodeJS APIs", "Node.js")]
    [InlineData("sklearn pipelines", "scikit-learn")]
    [InlineData("TS everywhere", "TypeScript")]
    [InlineData("Amazon Web Services", "AWS")]
    [InlineData("front-end CI/CD pipelines", "CI/CD")]
    [InlineData("Continuous integration with Jenkins", "CI/CD")]
    [InlineData("RESTful services", "REST")]
    [InlineData("end-to-end testing with Playwright", "End-to-End Testing")]
    [InlineData("EMR documentation", "Electronic Health Records")]
    public void Reads_synonyms_as_the_canonical_skill(string text, string canonical)
    {
        Assert.Contains(canonical, KeywordTailor.ExtractKeywords(text).Select(k => k.Name));
    }

    [Fact]
    public void Splits_glued_spellings_into_both_skills()
    {
        var names = KeywordTailor.ExtractKeywords("C#.NET developer with C/C++ and React/Redux").Select(k => k.Name).ToList();

        Assert.Equal(["C#", ".NET", "C++", "React", "Redux"], names);
    }

    [Theory]
    [InlineData("You will go above and beyond for customers.", "Go")]
    [InlineData("Work with the rest of the team.", "REST")]
    [InlineData("You excel at working with stakeholders.", "Excel")]
    [InlineData("Level IV trauma centre.", "IV Therapy")]
    [InlineData("Partner with our R&D group.", "R")]
    [InlineData("Our spring release.", "Spring Boot")]
    public void Ignores_ordinary_words_that_share_a_spelling_with_a_skill(string text, string skill)
    {
        Assert.DoesNotContain(skill, KeywordTailor.ExtractKeywords(text).Select(k => k.Name));
    }

    [Theory]
    [InlineData("Experience with Go and R.", "Go")]
    [InlineData("Experience with Go and R.", "R")]
    [InlineData("Advanced Excel and PowerPoint.", "Excel")]
    [InlineData("Spring Boot microservices.", "Spring Boot")]
    [InlineData("Java with Spring and Hibernate.", "Spring Boot")]
    public void Recognises_short_skill_names_when_written_as_names(string text, string skill)
    {
        Assert.Contains(skill, KeywordTailor.ExtractKeywords(text).Select(k => k.Name));
    }

    [Fact]
    public void Prefers_the_longest_phrase()
    {
        var names = KeywordTailor.ExtractKeywords("SQL Server and React Native, plus Azure DevOps.").Select(k => k.Name).ToList();

        Assert.Equal(["SQL Server", "React Native", "Azure DevOps"], names);
    }

    [Fact]
    public void Weighs_required_above_general_above_preferred()
    {
        var keywords = KeywordTailor.ExtractKeywords(JobDescriptions.BackendDotNet).ToDictionary(k => k.Name);

        Assert.True(keywords["Docker"].IsRequired);
        Assert.Equal(1.0, keywords["Docker"].Weight);
        Assert.False(keywords["Microservices"].IsRequired);
        Assert.Equal(0.8, keywords["Microservices"].Weight);
        Assert.False(keywords["Redis"].IsRequired);
        Assert.Equal(0.5, keywords["Redis"].Weight);
        Assert.True(keywords["Azure"].Weight < keywords["Redis"].Weight, "a skill named only in 'About us' weighs least");
    }

    [Fact]
    public void Reads_cues_inside_a_sentence()
    {
        const string text = """
            Responsibilities
            - Build services in Python.
            - Experience with Kafka is a plus; Docker is required.
            """;
        var keywords = KeywordTailor.ExtractKeywords(text).ToDictionary(k => k.Name);

        Assert.Equal(0.8, keywords["Python"].Weight);
        Assert.Equal(0.5, keywords["Apache Kafka"].Weight);
        Assert.True(keywords["Docker"].IsRequired);
    }

    [Fact]
    public void Reads_an_inline_heading()
    {
        const string text = """
            Must have: Terraform, AWS.
            Nice to have: Pulumi.
            """;
        var keywords = KeywordTailor.ExtractKeywords(text).ToDictionary(k => k.Name);

        Assert.True(keywords["Terraform"].IsRequired);
        Assert.True(keywords["AWS"].IsRequired);
        Assert.False(keywords["Pulumi"].IsRequired);
        Assert.Equal(0.5, keywords["Pulumi"].Weight);
    }

    [Fact]
    public void Reads_markdown_headings_and_bold_bullets()
    {
        const string text = """
            # Platform Engineer
            ## Requirements
            - **Kafka** in production
            ## Nice to have
            1. Redis
            ## Perks
            * We pay for your AWS certification
            """;
        var keywords = KeywordTailor.ExtractKeywords(text).ToDictionary(k => k.Name);

        Assert.True(keywords["Apache Kafka"].IsRequired);
        Assert.Equal(0.5, keywords["Redis"].Weight);
        Assert.Equal(0.3, keywords["AWS"].Weight);
    }

    [Fact]
    public void Counts_soft_skills_for_less()
    {
        var keywords = KeywordTailor.ExtractKeywords("Requirements:\n- Communication\n- SQL").ToDictionary(k => k.Name);

        Assert.Equal(SkillCategory.Soft, keywords["Communication"].Category);
        Assert.True(keywords["Communication"].Weight < keywords["SQL"].Weight);
    }

    [Fact]
    public void Breaks_ties_by_first_mention()
    {
        var names = KeywordTailor.ExtractKeywords("Requirements:\n- Redis, Docker, Azure, Git").Select(k => k.Name);

        Assert.Equal(["Redis", "Docker", "Azure", "Git"], names);
    }

    [Fact]
    public void Gives_the_same_answer_every_time()
    {
        var first = KeywordTailor.ExtractKeywords(JobDescriptions.DataEngineering);
        var second = KeywordTailor.ExtractKeywords(JobDescriptions.DataEngineering);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n ")]
    [InlineData("We are a friendly company with a dog in the office.")]
    public void Finds_nothing_in_text_without_skills(string text)
    {
        Assert.Empty(KeywordTailor.ExtractKeywords(text));
    }

    [Fact]
    public void Lexicon_is_large_and_every_alias_belongs_to_one_skill()
    {
        // Building the index throws on an alias claimed by two skills or longer than the n-gram limit.
        var index = SkillLexicon.Index;

        Assert.NotNull(index);
        Assert.True(SkillLexicon.Skills.Count >= 300, $"only {SkillLexicon.Skills.Count} skills");
        Assert.Equal(SkillLexicon.Skills.Count, SkillLexicon.Skills.Select(s => s.Name).Distinct().Count());
        Assert.All(SkillLexicon.Skills, s => Assert.Same(s, index.Lookup(s.Name)));
        Assert.All(SkillImplications.AllNames, n => Assert.Contains(n, SkillLexicon.Skills.Select(s => s.Name)));
    }
}
