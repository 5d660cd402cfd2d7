using ResumeAspire.Core.Domain;

namespace ResumeAspire.Api.Candidates;

/// <summary>Checks a candidate request and, when it is valid, gives the normalised profile to store.</summary>
public static class CandidateValidator
{
    public const int MaxSkills = 100;
    public const int MaxExperience = 30;
    public const int MaxBulletsPerRole = 30;
    public const int MaxEducation = 20;

    public static (CandidateProfile? Profile, Dictionary<string, string[]> Errors) Validate(CandidateRequest request)
    {
        var errors = new Dictionary<string, string[]>();

        var fullName = Text(request.FullName, "full_name", 200, errors, required: true);
        var email = Text(request.Email, "email", 320, errors);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            errors["email"] = ["Must be an email address."];
        }

        var phone = Text(request.Phone, "phone", 50, errors);
        var location = Text(request.Location, "location", 200, errors);
        var headline = Text(request.Headline, "headline", 300, errors);
        var summary = Text(request.Summary, "summary", 5000, errors);

        var skills = new List<string>();
        if (request.Skills is { Count: > MaxSkills })
        {
            errors["skills"] = [$"At most {MaxSkills} skills."];
        }
        else
        {
            for (var i = 0; i < (request.Skills?.Count ?? 0); i++)
            {
                if (Text(request.Skills![i], $"skills[{i}]", 100, errors, required: true) is { } skill)
                {
                    skills.Add(skill);
                }
            }
        }

        var experience = new List<ExperienceEntry>();
        if (request.Experience is { Count: > MaxExperience })
        {
            errors["experience"] = [$"At most {MaxExperience} entries."];
        }
        else
        {
            for (var i = 0; i < (request.Experience?.Count ?? 0); i++)
            {
                if (ValidateExperience(request.Experience![i], $"experience[{i}]", errors) is { } entry)
                {
                    experience.Add(entry);
                }
            }
        }

        var education = new List<EducationEntry>();
        if (request.Education is { Count: > MaxEducation })
        {
            errors["education"] = [$"At most {MaxEducation} entries."];
        }
        else
        {
            for (var i = 0; i < (request.Education?.Count ?? 0); i++)
            {
                var field = $"education[{i}]";
                var item = request.Education![i];
                if (item is null)
                {
                    errors[field] = ["Must be an object."];
                    continue;
                }

                var school = Text(item.School, $"{field}.school", 200, errors, required: true);
                var degree = Text(item.Degree, $"{field}.degree", 200, errors);
                var year = Text(item.Year, $"{field}.year", 20, errors);
                if (school is not null)
                {
                    education.Add(new EducationEntry(school, degree, year));
                }
            }
        }

        if (errors.Count > 0 || fullName is null)
        {
            return (null, errors);
        }

        return (new CandidateProfile(fullName, email, phone, location, headline, summary, skills, experience, education), errors);
    }

    private static ExperienceEntry? ValidateExperience(ExperienceRequest? item, string field, Dictionary<string, string[]> errors)
    {
        if (item is null)
        {
            errors[field] = ["Must be an object."];
            return null;
        }

        var company = Text(item.Company, $"{field}.company", 200, errors, required: true);
        var title = Text(item.Title, $"{field}.title", 200, errors, required: true);
        var start = Text(item.StartDate, $"{field}.start_date", 30, errors);
        var end = Text(item.EndDate, $"{field}.end_date", 30, errors);
        var bullets = new List<string>();
        if (item.Bullets is { Count: > MaxBulletsPerRole })
        {
            errors[$"{field}.bullets"] = [$"At most {MaxBulletsPerRole} bullets per role."];
        }
        else
        {
            for (var b = 0; b < (item.Bullets?.Count ?? 0); b++)
            {
                if (Text(item.Bullets![b], $"{field}.bullets[{b}]", 1000, errors, required: true) is { } bullet)
                {
                    bullets.Add(bullet);
                }
            }
        }

        return company is null || title is null ? null : new ExperienceEntry(company, title, start, end, bullets);
    }

    private static string? Text(string? value, string field, int maxLength, Dictionary<string, string[]> errors, bool required = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors[field] = ["Is required."];
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors[field] = [$"Must be at most {maxLength} characters."];
            return null;
        }

        return trimmed;
    }
}
