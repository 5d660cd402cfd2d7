using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResumeAspire.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActiveJobsByOwnerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_resume_jobs_owner_id",
                table: "resume_jobs",
                column: "owner_id",
                filter: "status IN ('PENDING', 'PROCESSING')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_resume_jobs_owner_id",
                table: "resume_jobs");
        }
    }
}
