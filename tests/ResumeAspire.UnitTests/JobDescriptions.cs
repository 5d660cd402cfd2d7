namespace ResumeAspire.UnitTests;

/// <summary>Realistic postings, written the way companies write them: headings, bullets, filler.</summary>
internal static class JobDescriptions
{
    public const string BackendDotNet = """
        Senior Backend Engineer (.NET)

        About us
        Contoso Payments moves money for 40,000 small businesses. We run on Azure.

        What you'll do
        - Design and build APIs and microservices in C# on ASP.NET Core
        - Own services end to end, from design through on-call
        - Work closely with product managers and other engineers

        Requirements
        - 5+ years of professional experience with C# and .NET
        - Strong SQL skills; PostgreSQL or SQL Server
        - Experience with Docker and CI/CD pipelines
        - Solid grasp of REST API design and unit testing (xUnit or NUnit)

        Nice to have
        - Kubernetes (k8s) experience
        - Kafka or RabbitMQ
        - Redis caching

        Benefits: health insurance, 30 days of holiday, remote-friendly.
        """;

    public const string FrontendReact = """
        Frontend Engineer – React

        We are looking for a frontend engineer to build our customer dashboard.

        Responsibilities:
        * Build accessible, responsive web UI with React and TypeScript
        * Collaborate with designers in Figma to turn mockups into components for our design system
        * Write unit tests with Jest and React Testing Library

        Must have:
        * 3+ years with JavaScript (ES6+) and TypeScript
        * Deep knowledge of HTML5, CSS3 and modern JS
        * Experience with Redux or similar state management
        * Familiarity with REST and GraphQL APIs

        Bonus points:
        * Next.js
        * Tailwind
        * Storybook
        """;

    public const string DataEngineering = """
        Data Engineer

        Join the data platform team building the pipelines behind our analytics.

        Key responsibilities
        - Build and maintain batch and streaming data pipelines with Apache Spark and Kafka
        - Orchestrate workflows in Airflow; model data in dbt on Snowflake
        - Own data quality checks and monitoring

        Requirements
        - Strong Python and SQL
        - Experience with Spark (PySpark) and Airflow
        - Data modeling and data warehousing fundamentals (dimensional modelling)
        - AWS (S3, Glue, Redshift)

        Preferred
        - Scala
        - Databricks or Delta Lake
        - Terraform
        """;

    public const string DevOpsKubernetes = """
        Site Reliability Engineer

        Requirements:
        - 4+ years running production Kubernetes clusters (EKS or GKE)
        - Infrastructure as code with Terraform and Helm charts
        - CI/CD with GitHub Actions or Jenkins; GitOps with Argo CD
        - Monitoring and observability: Prometheus, Grafana, OpenTelemetry
        - Strong Linux and Bash scripting; Go or Python for tooling
        - Experience with incident response and participating in an on-call rotation

        Nice to have:
        - AWS certification
        - Istio or another service mesh
        - Ansible
        """;

    public const string Nursing = """
        Registered Nurse (RN) – Medical-Surgical Unit

        St. Mary's Hospital is seeking a compassionate Registered Nurse for our 32-bed med-surg unit.

        Responsibilities
        • Perform patient assessments and monitor vital signs
        • Administer medications and IV therapy per physician orders
        • Develop and update nursing care plans; provide patient education to patients and families
        • Document care accurately in Epic EHR
        • Follow infection control and patient safety protocols

        Qualifications
        • Current RN license in the state of Ohio
        • BLS certification required; ACLS preferred
        • BSN preferred
        • 1+ year of acute care experience
        • Excellent communication and teamwork skills
        """;

    public const string Sales = """
        Account Executive, Mid-Market (B2B SaaS)

        You will own the full sales cycle for mid-market accounts in the DACH region.

        What you'll do
        - Prospecting and outbound cold calling to build your own pipeline
        - Run discovery calls and product demos with decision makers
        - Negotiate contracts and close deals
        - Keep Salesforce up to date and deliver accurate forecasting

        What we're looking for
        - 3+ years of B2B SaaS sales experience with a track record of quota attainment
        - Experience with consultative selling or MEDDIC
        - Excellent negotiation and relationship building skills
        - HubSpot or Salesforce CRM experience

        Nice to have: German language skills, experience selling to finance teams.
        """;

    public const string MobileIos = """
        iOS Engineer

        Requirements
        - 4+ years building iOS apps in Swift
        - Expert in SwiftUI and UIKit
        - Experience with Core Data, offline-first architecture and push notifications
        - Testing with XCTest; shipping through TestFlight and App Store Connect
        - Familiarity with MVVM and Combine

        Nice to have
        - Objective-C for legacy modules
        - Kotlin or Android experience
        - CI with GitHub Actions and fastlane
        """;

    public const string QualityAssurance = """
        QA Automation Engineer

        Responsibilities
        - Design test plans and test cases for web and mobile releases
        - Build and maintain test automation with Selenium WebDriver, Cypress and Playwright
        - Run regression testing and API testing with Postman
        - Report and track defects in JIRA

        Must have
        - 3+ years of QA experience, manual and automated testing
        - Java or Python for automation
        - Experience with CI/CD (Jenkins)

        Nice to have
        - Performance testing with JMeter or k6
        - BDD with Cucumber
        - ISTQB certification
        """;

    public const string MachineLearning = """
        Machine Learning Engineer

        About the role
        You will train and ship NLP models that power search and recommendations.

        Requirements
        - Strong Python; PyTorch or TensorFlow
        - Experience with machine learning fundamentals, deep learning and NLP
        - Hands-on with large language models (LLMs), RAG and vector databases
        - Data wrangling with pandas and NumPy, experiment tracking with MLflow
        - Deploying models on AWS SageMaker or Kubernetes

        Preferred
        - MLOps experience
        - scikit-learn, XGBoost
        - Published research in computer vision or reinforcement learning
        """;

    public const string ProductManager = """
        Senior Product Manager – Growth

        What you'll do
        - Own the product roadmap for activation and retention
        - Run user research and customer discovery with the design team
        - Write PRDs and user stories; prioritize the backlog with engineering
        - Define OKRs and KPIs and measure impact with A/B testing

        About you
        - 5+ years of product management experience in B2B SaaS
        - Strong stakeholder management and communication skills
        - Comfortable with SQL and product analytics tools (Amplitude, Mixpanel)
        - Experience with Agile and Scrum teams; Jira and Confluence

        Bonus: go-to-market experience, Figma.
        """;

    public const string Synonyms = """
        Full-stack developer

        Requirements:
        - JS and TS on the front end
        - k8s in production
        - csharp / dotnet on the back end
        - Postgres, golang, Node, sklearn
        """;
}
