using Microsoft.AspNetCore.Identity;

namespace ResumeAspire.Core.Data;

public sealed class AppUser : IdentityUser;
