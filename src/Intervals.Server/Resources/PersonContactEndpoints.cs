using System.Collections.Frozen;
using System.Data.Common;
using Dapper;
using Intervals.Server.Api;
using Intervals.Server.Storage;

namespace Intervals.Server.Resources;

/// <summary><c>/personcontact/</c>: people's email addresses, phone numbers, addresses, websites and chat handles.</summary>
public static class PersonContactEndpoints
{
    private const string Name = "personcontact";

    private static readonly FrozenSet<string> Settable =
        FrozenSet.Create("personid", "value", "contacttypeid", "contactdescriptorid");

    private static readonly FrozenSet<string> ReadOnly =
        FrozenSet.Create("id", "contact_type_id", "contact_descriptor_id", "contact_type", "contact_descriptor");

    public static IEndpointRouteBuilder MapPersonContacts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/personcontact", List);
        app.MapPost("/personcontact", SaveFromCollection);
        app.MapPut("/personcontact", SaveFromCollection);
        app.MapNotAllowed("/personcontact", "GET", "POST", "PUT");

        app.MapGet("/personcontact/{id}", Get);
        app.MapPost("/personcontact/{id}", SaveMember);
        app.MapPut("/personcontact/{id}", SaveMember);
        app.MapDelete("/personcontact/{id}", Delete);
        app.MapNotAllowed("/personcontact/{id}", "GET", "POST", "PUT", "DELETE");
        return app;
    }

    private const string Select =
        "SELECT c.id AS Id, c.personid AS PersonId, c.contacttypeid AS ContactTypeId, "
        + "c.contactdescriptorid AS ContactDescriptorId, c.value AS Value FROM personcontact c";

    public static async Task<ApiResult> List(HttpContext context, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        var query = context.Request.Query;
        if (QueryParameters.Check(query, "personid", "contacttypeid", "contactdescriptorid", "limit", "offset") is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        var v = new Validator();
        var personId = v.Id("personid", QueryParameters.Get(query, "personid"), required: true);
        var typeId = v.Id("contacttypeid", QueryParameters.Get(query, "contacttypeid"), required: false);
        var descriptorId = v.Id("contactdescriptorid", QueryParameters.Get(query, "contactdescriptorid"), required: false);
        var limit = v.Count("limit", QueryParameters.Get(query, "limit"));
        var offset = v.Count("offset", QueryParameters.Get(query, "offset")) ?? 0;
        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        await using var connection = await db.OpenAsync(cancel);
        switch (await PersonAccess.OfAsync(connection, personId!.Value, caller))
        {
            case PersonVisibility.Missing:
                return Api.Api.Collection(caller, Name, [], 0);
            case PersonVisibility.Hidden:
                return Api.Api.Forbidden(caller, $"person {personId} is private");
        }

        var where = " JOIN person p ON p.id = c.personid WHERE c.personid = @personId AND " + PersonAccess.VisibleSql
            + (typeId is null ? "" : " AND c.contacttypeid = @typeId")
            + (descriptorId is null ? "" : " AND c.contactdescriptorid = @descriptorId");
        var parameters = new
        {
            personId,
            typeId,
            descriptorId,
            limit,
            offset,
            seePrivate = PersonAccess.Flag(caller.SeesPrivatePeople),
            caller = caller.PersonId,
        };
        var rows = (await connection.QueryAsync<ContactRow>(
            Select + where + " ORDER BY c.id" + db.Page(limit, offset), parameters)).AsList();
        var count = limit is null && offset == 0
            ? rows.Count
            : await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM personcontact c" + where, parameters);

        var items = new List<Item>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(await ToItemAsync(row, catalog, cancel));
        }

        return Api.Api.Collection(caller, Name, items, count);
    }

    public static async Task<ApiResult> Get(
        HttpContext context, string id, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        if (QueryParameters.Check(context.Request.Query) is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        if (!Validator.TryParseId(id, out var contactId))
        {
            return Api.Api.Invalid(caller, [$"id must be a positive integer, not '{Clip(id)}'"]);
        }

        await using var connection = await db.OpenAsync(cancel);
        var row = await connection.QuerySingleOrDefaultAsync<ContactRow>(
            Select + " JOIN person p ON p.id = c.personid WHERE c.id = @contactId AND " + PersonAccess.VisibleSql,
            new { contactId, seePrivate = PersonAccess.Flag(caller.SeesPrivatePeople), caller = caller.PersonId });
        if (row is null)
        {
            return await ExistsAsync(connection, null, contactId)
                ? Api.Api.Forbidden(caller, $"personcontact {contactId} belongs to a private person")
                : Api.Api.NotFound(caller, Name, contactId);
        }

        return Api.Api.Member(caller, Name, await ToItemAsync(row, catalog, cancel));
    }

    public static Task<ApiResult> SaveFromCollection(
        HttpContext context, Caller caller, Database db, Catalog catalog, CancellationToken cancel) =>
        SaveAsync(context, null, caller, db, catalog, cancel);

    public static Task<ApiResult> SaveMember(
        HttpContext context, string id, Caller caller, Database db, Catalog catalog, CancellationToken cancel) =>
        SaveAsync(context, id, caller, db, catalog, cancel);

    /// <summary>POST and PUT alike: an id in the URL, or in the body on the collection URL, updates; none creates.</summary>
    private static async Task<ApiResult> SaveAsync(
        HttpContext context, string? routeId, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        if (QueryParameters.Check(context.Request.Query) is { } badQuery)
        {
            return Api.Api.Error(caller.PersonId, badQuery);
        }

        var (fields, badBody) = await RequestBody.ReadAsync(context, Name);
        if (fields is null)
        {
            return Api.Api.Error(caller.PersonId, badBody!);
        }

        var v = new Validator();
        foreach (var unknown in fields.UnknownFields(Settable, ReadOnly))
        {
            v.Fail(unknown);
        }

        long? id = null;
        if (routeId is not null)
        {
            id = v.Id("id", routeId, required: true);
        }
        else if (fields.Has("id"))
        {
            id = v.Id("id", fields["id"], required: true);
        }

        var create = routeId is null && !fields.Has("id");
        var input = new ContactInput(
            v.Id("personid", fields["personid"], required: create || fields.Has("personid")),
            v.Text("value", fields["value"], 255, required: create || fields.Has("value"), allowEmpty: false),
            v.Id("contacttypeid", fields["contacttypeid"], required: create || fields.Has("contacttypeid")),
            v.Id("contactdescriptorid", fields["contactdescriptorid"], required: create || fields.Has("contactdescriptorid")));
        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        return create
            ? await CreateAsync(input, caller, db, catalog, cancel)
            : await UpdateAsync(id!.Value, input, caller, db, catalog, cancel);
    }

    private static async Task<ApiResult> CreateAsync(ContactInput input, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        var personId = input.PersonId!.Value;
        if (!caller.IsAdministrator && personId != caller.PersonId)
        {
            return Api.Api.Forbidden(caller, "only administrators may add contact information for other people");
        }

        await using var scope = await db.BeginWriteAsync(cancel);
        var v = new Validator();
        await CheckReferencesAsync(db, scope, input, checkPerson: true, catalog, v, cancel);
        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        var row = await scope.Connection.QuerySingleAsync<ContactRow>(
            """
            INSERT INTO personcontact (personid, contacttypeid, contactdescriptorid, value, value_fold)
            VALUES (@PersonId, @ContactTypeId, @ContactDescriptorId, @Value, @ValueFold)
            RETURNING id AS Id, personid AS PersonId, contacttypeid AS ContactTypeId,
                      contactdescriptorid AS ContactDescriptorId, value AS Value
            """,
            input.ToParameters(caller),
            scope.Transaction);
        await scope.CommitAsync(cancel);
        return Api.Api.Created(caller, Name, await ToItemAsync(row, catalog, cancel));
    }

    private static async Task<ApiResult> UpdateAsync(
        long id, ContactInput input, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        await using var scope = await db.BeginWriteAsync(cancel);
        var owned = new { id, admin = PersonAccess.Flag(caller.IsAdministrator), caller = caller.PersonId };
        var current = await scope.Connection.QuerySingleOrDefaultAsync<ContactRow>(
            Select + " WHERE c.id = @id AND (@admin = 1 OR c.personid = @caller)" + db.ForUpdate, owned, scope.Transaction);
        if (current is null)
        {
            return await ExistsAsync(scope.Connection, scope.Transaction, id)
                ? Api.Api.Forbidden(caller, "only administrators may change other people's contact information")
                : Api.Api.NotFound(caller, Name, id);
        }

        var merged = new ContactInput(
            input.PersonId ?? current.PersonId,
            input.Value ?? current.Value,
            input.ContactTypeId ?? current.ContactTypeId,
            input.ContactDescriptorId ?? current.ContactDescriptorId);
        if (merged.PersonId != current.PersonId && !caller.IsAdministrator)
        {
            return Api.Api.Forbidden(caller, "only administrators may move contact information to another person");
        }

        var v = new Validator();
        await CheckReferencesAsync(db, scope, merged, checkPerson: merged.PersonId != current.PersonId, catalog, v, cancel);
        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        var row = await scope.Connection.QuerySingleAsync<ContactRow>(
            """
            UPDATE personcontact
            SET personid = @PersonId, contacttypeid = @ContactTypeId, contactdescriptorid = @ContactDescriptorId,
                value = @Value, value_fold = @ValueFold
            WHERE id = @Id AND (@Admin = 1 OR personid = @Caller)
            RETURNING id AS Id, personid AS PersonId, contacttypeid AS ContactTypeId,
                      contactdescriptorid AS ContactDescriptorId, value AS Value
            """,
            merged.ToParameters(caller, id),
            scope.Transaction);
        await scope.CommitAsync(cancel);
        return Api.Api.Updated(caller, Name, await ToItemAsync(row, catalog, cancel));
    }

    public static async Task<ApiResult> Delete(HttpContext context, string id, Caller caller, Database db, CancellationToken cancel)
    {
        if (QueryParameters.Check(context.Request.Query) is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        if (!Validator.TryParseId(id, out var contactId))
        {
            return Api.Api.Invalid(caller, [$"id must be a positive integer, not '{Clip(id)}'"]);
        }

        await using var scope = await db.BeginWriteAsync(cancel);
        var deleted = await scope.Connection.ExecuteAsync(
            "DELETE FROM personcontact WHERE id = @contactId AND (@admin = 1 OR personid = @caller)",
            new { contactId, admin = PersonAccess.Flag(caller.IsAdministrator), caller = caller.PersonId },
            scope.Transaction);
        if (deleted == 0)
        {
            return await ExistsAsync(scope.Connection, scope.Transaction, contactId)
                ? Api.Api.Forbidden(caller, "only administrators may delete other people's contact information")
                : Api.Api.NotFound(caller, Name, contactId);
        }

        await scope.CommitAsync(cancel);
        return Api.Api.Deleted(caller);
    }

    private static async Task CheckReferencesAsync(
        Database db, WriteScope scope, ContactInput input, bool checkPerson, Catalog catalog, Validator v, CancellationToken cancel)
    {
        // The share lock makes a concurrent deletion of the person wait for this write, or this write see the
        // person gone, so no contact row outlives its person.
        if (checkPerson && await scope.Connection.QuerySingleOrDefaultAsync<long?>(
                "SELECT id FROM person WHERE id = @PersonId" + db.ForShare, new { input.PersonId }, scope.Transaction) is null)
        {
            v.Fail($"personid {input.PersonId} does not exist");
        }

        if (await catalog.ContactTypeNameAsync(input.ContactTypeId!.Value, cancel) is null)
        {
            v.Fail($"contacttypeid {input.ContactTypeId} does not exist");
        }
        else if (await catalog.DescriptorAsync(input.ContactDescriptorId!.Value, cancel) is not { } descriptor)
        {
            v.Fail($"contactdescriptorid {input.ContactDescriptorId} does not exist");
        }
        else if (descriptor.ContactTypeId != input.ContactTypeId)
        {
            v.Fail($"contactdescriptorid {input.ContactDescriptorId} does not belong to contacttypeid {input.ContactTypeId}");
        }
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM personcontact WHERE id = @id", new { id }, transaction) > 0;

    private static async ValueTask<Item> ToItemAsync(ContactRow row, Catalog catalog, CancellationToken cancel) =>
        new Item(7)
            .Add("id", row.Id)
            .Add("personid", row.PersonId)
            .Add("contact_type_id", row.ContactTypeId)
            .Add("contact_descriptor_id", row.ContactDescriptorId)
            .Add("value", row.Value)
            .Add("contact_type", await catalog.ContactTypeNameAsync(row.ContactTypeId, cancel))
            .Add("contact_descriptor", (await catalog.DescriptorAsync(row.ContactDescriptorId, cancel))?.Name);

    private static string Clip(string raw) => raw.Length > 32 ? raw[..32] + "…" : raw;

    private sealed record ContactInput(long? PersonId, string? Value, long? ContactTypeId, long? ContactDescriptorId)
    {
        public object ToParameters(Caller caller, long id = 0) => new
        {
            Id = id,
            Admin = PersonAccess.Flag(caller.IsAdministrator),
            Caller = caller.PersonId,
            PersonId,
            ContactTypeId,
            ContactDescriptorId,
            Value,
            ValueFold = Value!.ToLowerInvariant(),
        };
    }

    private sealed class ContactRow
    {
        public long Id { get; init; }

        public long PersonId { get; init; }

        public long ContactTypeId { get; init; }

        public long ContactDescriptorId { get; init; }

        public string Value { get; init; } = "";
    }
}
