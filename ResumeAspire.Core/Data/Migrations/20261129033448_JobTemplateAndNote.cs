using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResumeAspire.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class JobTemplateAndNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "resume_jobs",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "template",
                table: "resume_jobs",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "classic");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "note",
                table: "resume_jobs");

            migrationBuilder.DropColumn(
                name: "template",
                table: "resume_jobs");
        }
    }
}
