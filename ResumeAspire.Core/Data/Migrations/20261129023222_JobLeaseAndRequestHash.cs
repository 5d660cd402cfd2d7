using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResumeAspire.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class JobLeaseAndRequestHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_expires_at",
                table: "resume_jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "request_hash",
                table: "resume_jobs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "lease_expires_at",
                table: "resume_jobs");

            migrationBuilder.DropColumn(
                name: "request_hash",
                table: "resume_jobs");
        }
    }
}
