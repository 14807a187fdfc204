using Dapper;
using Intervals.Server.Api;
using Intervals.Server.Storage;

namespace Intervals.Server.Resources;

/// <summary>The read-only reference resources: <c>/contacttype/</c>, <c>/contactdescriptor/</c> and <c>/group/</c>.</summary>
public static class ReferenceEndpoints
{
    public static IEndpointRouteBuilder MapReferenceData(this IEndpointRouteBuilder app)
    {
        app.MapReadOnly("/contacttype", ListContactTypes);
        app.MapReadOnly("/contacttype/{id}", GetContactType);
        app.MapReadOnly("/contactdescriptor", ListDescriptors);
        app.MapReadOnly("/contactdescriptor/{id}", GetDescriptor);
        app.MapReadOnly("/group", ListGroups);
        app.MapReadOnly("/group/{id}", GetGroup);
        return app;
    }

    public static Task<ApiResult> ListContactTypes(HttpContext context, Caller caller, Database db, CancellationToken cancel) =>
        ListAsync(context, caller, db, "contacttype", "SELECT id, name FROM contacttype", NameItem, cancel);

    public static Task<ApiResult> GetContactType(HttpContext context, string id, Caller caller, Database db, CancellationToken cancel) =>
        GetAsync(context, id, caller, db, "contacttype", "SELECT id, name FROM contacttype WHERE id = @id", NameItem, cancel);

    public static Task<ApiResult> ListGroups(HttpContext context, Caller caller, Database db, CancellationToken cancel) =>
        ListAsync(context, caller, db, "group", "SELECT id, name FROM groups", NameItem, cancel);

    public static Task<ApiResult> GetGroup(HttpContext context, string id, Caller caller, Database db, CancellationToken cancel) =>
        GetAsync(context, id, caller, db, "group", "SELECT id, name FROM groups WHERE id = @id", NameItem, cancel);

    public static async Task<ApiResult> ListDescriptors(HttpContext context, Caller caller, Database db, CancellationToken cancel)
    {
        var query = context.Request.Query;
        if (QueryParameters.Check(query, "contacttypeid", "limit", "offset") is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        var v = new Validator();
        var typeId = v.Id("contacttypeid", QueryParameters.Get(query, "contacttypeid"), required: true);
        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        return await ListAsync(context, caller, db, "contactdescriptor",
            "SELECT id, contacttypeid, name FROM contactdescriptor WHERE contacttypeid = @typeId", DescriptorItem, cancel, new { typeId });
    }

    public static Task<ApiResult> GetDescriptor(HttpContext context, string id, Caller caller, Database db, CancellationToken cancel) =>
        GetAsync(context, id, caller, db, "contactdescriptor",
            "SELECT id, contacttypeid, name FROM contactdescriptor WHERE id = @id", DescriptorItem, cancel);

    private static async Task<ApiResult> ListAsync(
        HttpContext context, Caller caller, Database db, string resource, string sql, Func<DescriptorRow, Item> toItem,
        CancellationToken cancel, object? parameters = null)
    {
        var query = context.Request.Query;

        // A filtered list has checked its own parameters, filters and paging together.
        if (parameters is null && QueryParameters.Check(query, QueryParameters.Paging) is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        var v = new Validator();
        var limit = v.Count("limit", QueryParameters.Get(query, "limit"));
        var offset = v.Count("offset", QueryParameters.Get(query, "offset")) ?? 0;
        if (v.Failed)
        {
            return Api.Api.Invalid(caller, v.Errors);
        }

        await using var connection = await db.OpenAsync(cancel);
        var all = (await connection.QueryAsync<DescriptorRow>(sql + " ORDER BY id", parameters)).AsList();
        var page = all.Skip((int)Math.Min(offset, int.MaxValue)).Take((int)Math.Min(limit ?? int.MaxValue, int.MaxValue));
        return Api.Api.Collection(caller, resource, page.Select(toItem).ToList(), all.Count);
    }

    private static async Task<ApiResult> GetAsync(
        HttpContext context, string id, Caller caller, Database db, string resource, string sql, Func<DescriptorRow, Item> toItem,
        CancellationToken cancel)
    {
        if (QueryParameters.Check(context.Request.Query) is { } bad)
        {
            return Api.Api.Error(caller.PersonId, bad);
        }

        if (!Validator.TryParseId(id, out var rowId))
        {
            return Api.Api.InvalidId(caller, id);
        }

        await using var connection = await db.OpenAsync(cancel);
        var row = await connection.QuerySingleOrDefaultAsync<DescriptorRow>(sql, new { id = rowId });
        return row is null ? Api.Api.NotFound(caller, resource, rowId) : Api.Api.Member(caller, resource, toItem(row));
    }

    private static readonly FieldName IdField = new("id");
    private static readonly FieldName NameField = new("name");
    private static readonly FieldName ContactTypeIdField = new("contacttypeid");

    private static Item NameItem(DescriptorRow row) => new Item(2).Add(IdField, row.Id).Add(NameField, row.Name);

    private static Item DescriptorItem(DescriptorRow row) =>
        new Item(3).Add(IdField, row.Id).Add(ContactTypeIdField, row.ContactTypeId).Add(NameField, row.Name);
}
