using System.Data.Common;
using Intervals.Server.Storage;
using Intervals.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Intervals.Server.Tests;

/// <summary>Failures inside the server leave through the same envelope as every other error, with no internals.</summary>
public sealed class FailurePathTests : IAsyncLifetime
{
    private readonly Sqlite _engine = new();
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await _engine.CreateDatabaseAsync();

    public Task DisposeAsync() => _engine.DropDatabaseAsync(_connectionString);

    [Theory]
    [InlineData("database", 500, 19, "Internal Server Error")]
    [InlineData("locked", 502, 20, "Bad Gateway")]
    [InlineData("bug", 500, 1, "Internal Server Error")]
    public async Task AFailureInsideAHandlerIsAnEnvelopeWithTheRightCodeAndNoInternals(string fault, int status, int code, string statusText)
    {
        Exception failure = fault switch
        {
            "database" => new SqliteException("disk I/O error at /secret/path/intervals.db", 10),
            "locked" => new SqliteException("database is locked", 5),
            _ => new InvalidOperationException("Object reference at Intervals.Server.Secret.Method()"),
        };
        using var real = new SqliteDatabase(_connectionString, "Normal");
        var database = new FailingReads(real, failure);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Intervals", _connectionString);
            web.UseSetting("Intervals:AdminToken", "AdminToken1");
            web.ConfigureTestServices(services => services.AddSingleton<Database>(database));
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("AdminToken1:X"u8.ToArray()));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/personcontact/?personid=1")).StatusCode);
        database.Failing = true;

        foreach (var accept in new[] { "application/json", "application/xml" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/personcontact/?personid=1");
            request.Headers.Add("Accept", accept);
            using var message = await client.SendAsync(request);
            var response = new ApiResponse(message, await message.Content.ReadAsStringAsync());
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, response.ErrorCode);
            Assert.Equal(accept, response.ContentType);
            Assert.Contains(statusText, response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("/secret/path", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret.Method", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        }
    }

    /// <summary>A real database whose reads fail the way a broken disk, a lock or a bug would.</summary>
    private sealed class FailingReads(SqliteDatabase inner, Exception failure) : Database
    {
        public bool Failing { get; set; }

        public override string Engine => inner.Engine;

        public override string Location => inner.Location;

        protected override string NoLimit => "-1";

        public override string Contains(string haystack, string needle) => inner.Contains(haystack, needle);

        public override Task<DbConnection> OpenAsync(CancellationToken cancel) =>
            Failing ? Task.FromException<DbConnection>(failure) : inner.OpenAsync(cancel);

        public override Task<WriteScope> BeginWriteAsync(CancellationToken cancel) => inner.BeginWriteAsync(cancel);

        public override Task MigrateAsync(Func<WriteScope, Task> afterMigrations, CancellationToken cancel) =>
            inner.MigrateAsync(afterMigrations, cancel);

        public override bool IsUnavailable(DbException exception) => inner.IsUnavailable(exception);
    }
}
