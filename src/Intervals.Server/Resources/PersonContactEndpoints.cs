using System.Collections.Frozen;
using System.Data.Common;
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

    private const string Select = "SELECT c.id, c.personid, c.contacttypeid, c.contactdescriptorid, c.value FROM personcontact c";

    // The statements of the read paths, composed once for each shape instead of on every request.
    private static readonly string[] GetById = [GetByIdSql(seesAll: true), GetByIdSql(seesAll: false)];
    private static readonly string[] ListWhere = [.. Enumerable.Range(0, 8).Select(ListWhereSql)];
    private static readonly string[] ListAll = [.. ListWhere.Select(where => Select + where + " ORDER BY c.id")];

    private static int GetByIdShape(Caller caller) => caller.SeesPrivatePeople ? 0 : 1;

    private static string GetByIdSql(bool seesAll)
    {
        var (join, visible) = PersonAccess.ContactVisibility(seesAll);
        return Select + join + " WHERE c.id = @contactId" + visible;
    }

    /// <summary>Bit 0: private people hidden from the caller; bits 1 and 2: filtered by type, by descriptor.</summary>
    private static int ListShape(Caller caller, bool byType, bool byDescriptor) =>
        (caller.SeesPrivatePeople ? 0 : 1) | (byType ? 2 : 0) | (byDescriptor ? 4 : 0);

    private static string ListWhereSql(int shape)
    {
        var (join, visible) = PersonAccess.ContactVisibility(seesPrivatePeople: (shape & 1) == 0);
        return join + " WHERE c.personid = @personId" + visible
            + ((shape & 2) == 0 ? "" : " AND c.contacttypeid = @typeId")
            + ((shape & 4) == 0 ? "" : " AND c.contactdescriptorid = @descriptorId");
    }

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

        await using var scope = await db.ReadAsync(cancel);
        var shape = ListShape(caller, typeId is not null, descriptorId is not null);
        var where = ListWhere[shape];
        DbCommand Bind(DbCommand command) => command
            .With("personId", personId)
            .With("typeId", typeId)
            .With("descriptorId", descriptorId)
            .With("seePrivate", PersonAccess.Flag(caller.SeesPrivatePeople))
            .With("caller", caller.PersonId);

        var items = new List<Item>(limit is > 0 and < 64 ? (int)limit : 16);
        // Without paging, Page is empty and the concatenation hands back the composed statement itself.
        var page = db.Page(limit, offset);
        var list = Bind(scope.Command(ListAll[shape] + page))
            .With("limit", limit)
            .With("offset", offset);
        await using (var reader = await list.ReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                items.Add(await ToItemAsync(ReadContact(reader), catalog, cancel));
            }
        }

        // Rows came back only if the person exists and the caller may see them; an empty page needs telling apart.
        if (items.Count == 0)
        {
            switch (await PersonAccess.OfAsync(scope, personId!.Value, caller, cancel))
            {
                case PersonVisibility.Missing:
                    return Api.Api.Collection(caller, Name, [], 0);
                case PersonVisibility.Hidden:
                    return Api.Api.Forbidden(caller, $"person {personId} is private");
            }
        }

        var count = page.Length == 0
            ? items.Count
            : await Bind(scope.Command("SELECT COUNT(*) FROM personcontact c" + where)).ScalarAsync(cancel) ?? 0;
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
            return Api.Api.InvalidId(caller, id);
        }

        await using var scope = await db.ReadAsync(cancel);
        var row = await SingleAsync(
            scope.Command(GetById[GetByIdShape(caller)])
                .With("contactId", contactId)
                .With("seePrivate", PersonAccess.Flag(caller.SeesPrivatePeople))
                .With("caller", caller.PersonId),
            cancel);
        if (row is null)
        {
            return await ExistsAsync(scope, contactId, cancel)
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
            id = v.Id("id", v.NotBoolean(fields, "id"), required: true);
        }

        var create = routeId is null && !fields.Has("id");
        var input = new ContactInput(
            v.Id("personid", v.NotBoolean(fields, "personid"), required: create || fields.Has("personid")),
            v.Text("value", v.NotBoolean(fields, "value"), 255, required: create || fields.Has("value"), allowEmpty: false),
            v.Id("contacttypeid", v.NotBoolean(fields, "contacttypeid"), required: create || fields.Has("contacttypeid")),
            v.Id("contactdescriptorid", v.NotBoolean(fields, "contactdescriptorid"), required: create || fields.Has("contactdescriptorid")));
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

        var row = await SingleAsync(
            input.Bind(scope.Command(
                """
                INSERT INTO personcontact (personid, contacttypeid, contactdescriptorid, value, value_fold)
                VALUES (@personId, @typeId, @descriptorId, @value, @valueFold)
                RETURNING id, personid, contacttypeid, contactdescriptorid, value
                """)),
            cancel) ?? throw new InvalidOperationException("INSERT … RETURNING gave no row");
        await scope.CommitAsync(cancel);
        return Api.Api.Created(caller, Name, await ToItemAsync(row, catalog, cancel));
    }

    private static async Task<ApiResult> UpdateAsync(
        long id, ContactInput input, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        await using var scope = await db.BeginWriteAsync(cancel);
        var current = await SingleAsync(
            Owned(scope.Command(Select + " WHERE c.id = @id AND (@admin = 1 OR c.personid = @caller)" + db.ForUpdate), id, caller),
            cancel);
        if (current is null)
        {
            return await ExistsAsync(scope, id, cancel)
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

        var update = scope.Command(
            """
            UPDATE personcontact
            SET personid = @personId, contacttypeid = @typeId, contactdescriptorid = @descriptorId,
                value = @value, value_fold = @valueFold
            WHERE id = @id AND (@admin = 1 OR personid = @caller)
            RETURNING id, personid, contacttypeid, contactdescriptorid, value
            """);
        var row = await SingleAsync(Owned(merged.Bind(update), id, caller), cancel)
            ?? throw new InvalidOperationException("the row locked for update was gone");
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
            return Api.Api.InvalidId(caller, id);
        }

        await using var scope = await db.BeginWriteAsync(cancel);
        var deleted = await Owned(
                scope.Command("DELETE FROM personcontact WHERE id = @id AND (@admin = 1 OR personid = @caller)"), contactId, caller)
            .ExecuteNonQueryAsync(cancel);
        if (deleted == 0)
        {
            return await ExistsAsync(scope, contactId, cancel)
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
        if (checkPerson && await scope.Command("SELECT id FROM person WHERE id = @personId" + db.ForShare)
                .With("personId", input.PersonId).ScalarAsync(cancel) is null)
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

    private static async Task<bool> ExistsAsync(DbScope scope, long id, CancellationToken cancel) =>
        await scope.Command("SELECT id FROM personcontact WHERE id = @id").With("id", id).ScalarAsync(cancel) is not null;

    /// <summary>Binds the row id and the ownership rule: administrators reach every row, others their own.</summary>
    private static DbCommand Owned(DbCommand command, long id, Caller caller) => command
        .With("id", id)
        .With("admin", PersonAccess.Flag(caller.IsAdministrator))
        .With("caller", caller.PersonId);

    private static async ValueTask<ContactRow?> SingleAsync(DbCommand command, CancellationToken cancel)
    {
        await using var reader = await command.ReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? ReadContact(reader) : null;
    }

    /// <summary>Reads the columns of <see cref="Select"/> (and of RETURNING, in the same order).</summary>
    private static ContactRow ReadContact(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        PersonId = reader.GetInt64(1),
        ContactTypeId = reader.GetInt64(2),
        ContactDescriptorId = reader.GetInt64(3),
        Value = reader.GetString(4),
    };

    private static async ValueTask<Item> ToItemAsync(ContactRow row, Catalog catalog, CancellationToken cancel) =>
        new Item(7)
            .Add(Fields.Id, row.Id)
            .Add(Fields.PersonId, row.PersonId)
            .Add(Fields.ContactTypeId, row.ContactTypeId)
            .Add(Fields.ContactDescriptorId, row.ContactDescriptorId)
            .Add(Fields.Value, row.Value)
            .Add(Fields.ContactType, await catalog.ContactTypeNameAsync(row.ContactTypeId, cancel))
            .Add(Fields.ContactDescriptor, (await catalog.DescriptorAsync(row.ContactDescriptorId, cancel))?.Name);

    /// <summary>The item's field names, encoded once.</summary>
    private static class Fields
    {
        public static readonly FieldName Id = new("id");
        public static readonly FieldName PersonId = new("personid");
        public static readonly FieldName ContactTypeId = new("contact_type_id");
        public static readonly FieldName ContactDescriptorId = new("contact_descriptor_id");
        public static readonly FieldName Value = new("value");
        public static readonly FieldName ContactType = new("contact_type");
        public static readonly FieldName ContactDescriptor = new("contact_descriptor");
    }

    private sealed record ContactInput(long? PersonId, string? Value, long? ContactTypeId, long? ContactDescriptorId)
    {
        public DbCommand Bind(DbCommand command) => command
            .With("personId", PersonId)
            .With("typeId", ContactTypeId)
            .With("descriptorId", ContactDescriptorId)
            .With("value", Value)
            .With("valueFold", Value!.ToLowerInvariant());
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
