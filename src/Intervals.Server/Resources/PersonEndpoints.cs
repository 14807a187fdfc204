using System.Collections.Frozen;
using System.Text;
using Dapper;
using Intervals.Server.Api;
using Intervals.Server.Storage;

namespace Intervals.Server.Resources;

/// <summary><c>/person/</c> and <c>/me/</c>: the people contact information belongs to.</summary>
public static class PersonEndpoints
{
    private const string Name = "person";
    private const int DefaultLimit = 10;

    private static readonly FrozenSet<string> Settable = FrozenSet.Create(
        "firstname", "lastname", "title", "username", "email", "groupid", "active", "private", "notes");

    private static readonly FrozenSet<string> ReadOnly = FrozenSet.Create("id", "group");

    private static readonly string[] Filters =
        ["firstname", "lastname", "username", "email", "groupid", "active", "search", "limit", "offset"];

    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        app.MapGet("/person", List);
        app.MapPost("/person", SaveFromCollection);
        app.MapPut("/person", SaveFromCollection);
        app.MapNotAllowed("/person", "GET", "POST", "PUT");

        app.MapGet("/person/{id}", Get);
        app.MapPost("/person/{id}", SaveMember);
        app.MapPut("/person/{id}", SaveMember);
        app.MapDelete("/person/{id}", Delete);
        app.MapNotAllowed("/person/{id}", "GET", "POST", "PUT", "DELETE");

        app.MapReadOnly("/me", Me);
        return app;
    }

    private const string Select =
        "SELECT p.id AS Id, p.firstname AS FirstName, p.lastname AS LastName, p.title AS Title, p.username AS UserName, "
        + "p.email AS Email, p.groupid AS GroupId, p.active AS Active, p.private AS Private, p.notes AS Notes FROM person p";

    public static async Task<ApiResult> List(HttpContext context, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        if (caller.GroupId == Caller.Executive)
        {
            return Api.Api.Forbidden(caller, "Executives may not list people");
        }

        var query = context.Request.Query;
        if (QueryParameters.Check(query, Filters) is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        var v = new Validator();
        var where = new StringBuilder(" WHERE " + PersonAccess.VisibleSql);
        var parameters = new DynamicParameters();
        foreach (var field in (string[])["firstname", "lastname", "username", "email"])
        {
            if (v.Text(field, QueryParameters.Get(query, field), 255, required: false, allowEmpty: true) is { Length: > 0 } text)
            {
                where.Append(" AND ").Append(db.Contains($"p.{field}_fold", "@" + field));
                parameters.Add(field, text.ToLowerInvariant());
            }
        }

        if (v.Text("search", QueryParameters.Get(query, "search"), 255, required: false, allowEmpty: true) is { Length: > 0 } search)
        {
            where.Append(" AND (").Append(db.Contains("p.firstname_fold", "@search"))
                .Append(" OR ").Append(db.Contains("p.lastname_fold", "@search"))
                .Append(" OR ").Append(db.Contains("p.username_fold", "@search"))
                .Append(" OR ").Append(db.Contains("p.email_fold", "@search"))
                .Append(" OR EXISTS (SELECT 1 FROM personcontact c WHERE c.personid = p.id AND ")
                .Append(db.Contains("c.value_fold", "@search")).Append("))");
            parameters.Add("search", search.ToLowerInvariant());
        }

        if (v.Id("groupid", QueryParameters.Get(query, "groupid"), required: false) is { } groupId)
        {
            where.Append(" AND p.groupid = @groupId");
            parameters.Add("groupId", groupId);
        }

        if (v.Bool("active", QueryParameters.Get(query, "active")) is { } active)
        {
            where.Append(" AND p.active = @active");
            parameters.Add("active", PersonAccess.Flag(active));
        }

        var limit = v.Count("limit", QueryParameters.Get(query, "limit")) ?? DefaultLimit;
        var offset = v.Count("offset", QueryParameters.Get(query, "offset")) ?? 0;
        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        parameters.Add("seePrivate", PersonAccess.Flag(caller.SeesPrivatePeople));
        parameters.Add("caller", caller.PersonId);
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);

        await using var connection = await db.OpenAsync(cancel);
        var count = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM person p" + where, parameters);
        var rows = await connection.QueryAsync<PersonRow>(Select + where + " ORDER BY p.id" + db.Page(limit, offset), parameters);
        var items = new List<Item>();
        foreach (var row in rows)
        {
            items.Add(await ToItemAsync(row, catalog, cancel));
        }

        return Api.Api.Collection(caller, Name, items, count);
    }

    public static async Task<ApiResult> Get(
        HttpContext context, string id, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        if (caller.GroupId == Caller.Executive)
        {
            return Api.Api.Forbidden(caller, "Executives may not read people");
        }

        if (QueryParameters.Check(context.Request.Query) is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        if (!Validator.TryParseId(id, out var personId))
        {
            return Api.Api.InvalidId(caller, id);
        }

        await using var scope = await db.ReadAsync(cancel);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<PersonRow>(
            Select + " WHERE p.id = @personId AND " + PersonAccess.VisibleSql,
            new { personId, seePrivate = PersonAccess.Flag(caller.SeesPrivatePeople), caller = caller.PersonId });
        if (row is null)
        {
            return await PersonAccess.OfAsync(scope, personId, caller, cancel) == PersonVisibility.Missing
                ? Api.Api.NotFound(caller, Name, personId)
                : Api.Api.Forbidden(caller, $"person {personId} is private");
        }

        return Api.Api.Member(caller, Name, await ToItemAsync(row, catalog, cancel));
    }

    public static async Task<ApiResult> Me(HttpContext context, Caller caller, Database db, Catalog catalog, CancellationToken cancel)
    {
        var query = context.Request.Query;
        if (QueryParameters.Check(query, QueryParameters.Paging) is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        // A collection of one: paging is checked and applied like on every other collection.
        var v = new Validator();
        var limit = v.Count("limit", QueryParameters.Get(query, "limit"));
        var offset = v.Count("offset", QueryParameters.Get(query, "offset")) ?? 0;
        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        await using var scope = await db.ReadAsync(cancel);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<PersonRow>(Select + " WHERE p.id = @id", new { id = caller.PersonId });

        // The token was checked moments ago; its holder may have been deleted since (by another process, or
        // between the check and this query). The answer is the one the token now gets.
        return row is null
            ? Api.Api.Error(null, ApiError.UnknownToken)
            : Api.Api.Collection(caller, "me", offset > 0 || limit == 0 ? [] : [await ToItemAsync(row, catalog, cancel)], 1);
    }

    public static Task<ApiResult> SaveFromCollection(
        HttpContext context, Caller caller, Database db, Catalog catalog, Tokens tokens, CancellationToken cancel) =>
        SaveAsync(context, null, caller, db, catalog, tokens, cancel);

    public static Task<ApiResult> SaveMember(
        HttpContext context, string id, Caller caller, Database db, Catalog catalog, Tokens tokens, CancellationToken cancel) =>
        SaveAsync(context, id, caller, db, catalog, tokens, cancel);

    private static async Task<ApiResult> SaveAsync(
        HttpContext context, string? routeId, Caller caller, Database db, Catalog catalog, Tokens tokens, CancellationToken cancel)
    {
        if (!caller.IsAdministrator)
        {
            return Api.Api.Forbidden(caller, "only administrators may add or change people");
        }

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

        var id = routeId is not null ? v.Id("id", routeId, required: true)
            : fields.Has("id") ? v.Id("id", v.NotBoolean(fields, "id"), required: true) : null;
        var create = routeId is null && !fields.Has("id");
        var input = new PersonInput
        {
            FirstName = v.Text("firstname", v.NotBoolean(fields, "firstname"), 65, required: create || fields.Has("firstname"), allowEmpty: false),
            LastName = v.Text("lastname", v.NotBoolean(fields, "lastname"), 65, required: false, allowEmpty: true),
            Title = v.Text("title", v.NotBoolean(fields, "title"), 100, required: false, allowEmpty: true),
            UserName = v.Text("username", v.NotBoolean(fields, "username"), 100, required: false, allowEmpty: true),
            Email = v.Text("email", v.NotBoolean(fields, "email"), 255, required: false, allowEmpty: true),
            GroupId = v.Id("groupid", v.NotBoolean(fields, "groupid"), required: fields.Has("groupid")),
            Active = v.Bool("active", fields["active"]),
            Private = v.Bool("private", fields["private"]),
            Notes = v.Text("notes", v.NotBoolean(fields, "notes"), 4000, required: false, allowEmpty: true),
        };
        if (input.GroupId is { } group && await catalog.GroupNameAsync(group, cancel) is null)
        {
            v.Fail($"groupid {group} does not exist");
        }

        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        await using var scope = await db.BeginWriteAsync(cancel);
        PersonRow? current = null;
        if (!create)
        {
            current = await scope.Connection.QuerySingleOrDefaultAsync<PersonRow>(
                Select + " WHERE p.id = @id" + db.ForUpdate, new { id }, scope.Transaction);
            if (current is null)
            {
                return Api.Api.NotFound(caller, Name, id!.Value);
            }
        }

        var merged = input.Over(current, fields);
        if ((merged.GroupId != Caller.Administrator || !merged.Active) && !create
            && await IsLastActiveAdministratorAsync(scope, id!.Value))
        {
            return Api.Api.Invalid(caller, [$"person {id} is the last active administrator: they must stay an active Administrator"]);
        }

        var sql = create
            ? """
              INSERT INTO person (firstname, lastname, title, username, email, groupid, active, private, notes,
                                  firstname_fold, lastname_fold, username_fold, email_fold)
              VALUES (@FirstName, @LastName, @Title, @UserName, @Email, @GroupId, @Active, @Private, @Notes,
                      @FirstNameFold, @LastNameFold, @UserNameFold, @EmailFold)
              RETURNING id
              """
            : """
              UPDATE person SET firstname = @FirstName, lastname = @LastName, title = @Title, username = @UserName,
                  email = @Email, groupid = @GroupId, active = @Active, private = @Private, notes = @Notes,
                  firstname_fold = @FirstNameFold, lastname_fold = @LastNameFold, username_fold = @UserNameFold,
                  email_fold = @EmailFold
              WHERE id = @Id
              RETURNING id
              """;
        var savedId = await scope.Connection.ExecuteScalarAsync<long>(sql, merged.ToParameters(id ?? 0), scope.Transaction);
        var row = await scope.Connection.QuerySingleAsync<PersonRow>(Select + " WHERE p.id = @savedId", new { savedId }, scope.Transaction);
        await scope.CommitAsync(cancel);
        tokens.Forget();
        var item = await ToItemAsync(row, catalog, cancel);
        return create ? Api.Api.Created(caller, Name, item) : Api.Api.Updated(caller, Name, item);
    }

    /// <summary>Deletes the person, their contact rows and their token in one transaction.</summary>
    public static async Task<ApiResult> Delete(
        HttpContext context, string id, Caller caller, Database db, Tokens tokens, CancellationToken cancel)
    {
        if (!caller.IsAdministrator)
        {
            return Api.Api.Forbidden(caller, "only administrators may delete people");
        }

        if (QueryParameters.Check(context.Request.Query) is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        if (!Validator.TryParseId(id, out var personId))
        {
            return Api.Api.InvalidId(caller, id);
        }

        await using var scope = await db.BeginWriteAsync(cancel);
        var parameters = new { personId };
        // Locking the person first makes contact writes for them that are under way finish before their rows
        // are deleted, and those that come later find the person gone.
        if (await scope.Connection.QuerySingleOrDefaultAsync<long?>(
                "SELECT id FROM person WHERE id = @personId" + db.ForUpdate, parameters, scope.Transaction) is null)
        {
            return Api.Api.NotFound(caller, Name, personId);
        }

        if (await IsLastActiveAdministratorAsync(scope, personId))
        {
            return Api.Api.Invalid(caller, [$"person {personId} is the last active administrator and cannot be deleted"]);
        }

        await scope.Connection.ExecuteAsync("DELETE FROM personcontact WHERE personid = @personId", parameters, scope.Transaction);
        await scope.Connection.ExecuteAsync("DELETE FROM token WHERE personid = @personId", parameters, scope.Transaction);
        var deleted = await scope.Connection.ExecuteAsync("DELETE FROM person WHERE id = @personId", parameters, scope.Transaction);
        if (deleted == 0)
        {
            return Api.Api.NotFound(caller, Name, personId);
        }

        await scope.CommitAsync(cancel);
        tokens.Forget();
        return Api.Api.Deleted(caller);
    }

    /// <summary>
    /// True when the person is an active administrator and no other is: without one, nobody could manage people or
    /// tokens through the API.
    /// </summary>
    private static async Task<bool> IsLastActiveAdministratorAsync(WriteScope scope, long personId) =>
        await scope.Connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM person
            WHERE id = @personId AND groupid = 2 AND active = 1
              AND NOT EXISTS (SELECT 1 FROM person o WHERE o.id <> @personId AND o.groupid = 2 AND o.active = 1)
            """,
            new { personId },
            scope.Transaction) == 1;

    private static async ValueTask<Item> ToItemAsync(PersonRow row, Catalog catalog, CancellationToken cancel) =>
        new Item(11)
            .Add(Fields.Id, row.Id)
            .Add(Fields.FirstName, row.FirstName)
            .Add(Fields.LastName, row.LastName)
            .Add(Fields.Title, row.Title)
            .Add(Fields.UserName, row.UserName)
            .Add(Fields.Email, row.Email)
            .Add(Fields.GroupId, row.GroupId)
            .Add(Fields.Group, await catalog.GroupNameAsync(row.GroupId, cancel))
            .Add(Fields.Active, row.Active)
            .Add(Fields.Private, row.Private)
            .Add(Fields.Notes, row.Notes);

    /// <summary>The item's field names, encoded once.</summary>
    private static class Fields
    {
        public static readonly FieldName Id = new("id");
        public static readonly FieldName FirstName = new("firstname");
        public static readonly FieldName LastName = new("lastname");
        public static readonly FieldName Title = new("title");
        public static readonly FieldName UserName = new("username");
        public static readonly FieldName Email = new("email");
        public static readonly FieldName GroupId = new("groupid");
        public static readonly FieldName Group = new("group");
        public static readonly FieldName Active = new("active");
        public static readonly FieldName Private = new("private");
        public static readonly FieldName Notes = new("notes");
    }

    private class PersonRow
    {
        public long Id { get; set; }

        public string FirstName { get; set; } = "";

        public string? LastName { get; set; }

        public string? Title { get; set; }

        public string? UserName { get; set; }

        public string? Email { get; set; }

        public long GroupId { get; set; }

        public bool Active { get; set; }

        public bool Private { get; set; }

        public string? Notes { get; set; }
    }

    private sealed class PersonInput
    {
        public string? FirstName { get; init; }

        public string? LastName { get; init; }

        public string? Title { get; init; }

        public string? UserName { get; init; }

        public string? Email { get; init; }

        public long? GroupId { get; init; }

        public bool? Active { get; init; }

        public bool? Private { get; init; }

        public string? Notes { get; init; }

        /// <summary>The fields the body named replace those of <paramref name="current"/>; the rest stay.</summary>
        public PersonRow Over(PersonRow? current, RequestFields fields)
        {
            current ??= new PersonRow { GroupId = Caller.Resource, Active = true };
            return new PersonRow
            {
                FirstName = FirstName ?? current.FirstName,
                LastName = fields.Has("lastname") ? Empty(LastName) : current.LastName,
                Title = fields.Has("title") ? Empty(Title) : current.Title,
                UserName = fields.Has("username") ? Empty(UserName) : current.UserName,
                Email = fields.Has("email") ? Empty(Email) : current.Email,
                GroupId = GroupId ?? current.GroupId,
                Active = Active ?? current.Active,
                Private = Private ?? current.Private,
                Notes = fields.Has("notes") ? Empty(Notes) : current.Notes,
            };
        }

        private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }

    private static object ToParameters(this PersonRow row, long id) => new
    {
        Id = id,
        row.FirstName,
        row.LastName,
        row.Title,
        row.UserName,
        row.Email,
        row.GroupId,
        Active = PersonAccess.Flag(row.Active),
        Private = PersonAccess.Flag(row.Private),
        row.Notes,
        FirstNameFold = row.FirstName.ToLowerInvariant(),
        LastNameFold = row.LastName?.ToLowerInvariant() ?? "",
        UserNameFold = row.UserName?.ToLowerInvariant() ?? "",
        EmailFold = row.Email?.ToLowerInvariant() ?? "",
    };
}
