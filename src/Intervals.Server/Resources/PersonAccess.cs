using System.Data.Common;
using Dapper;
using Intervals.Server.Api;

namespace Intervals.Server.Resources;

public enum PersonVisibility
{
    Missing,
    Hidden,
    Visible,
}

/// <summary>Who may see whom: private people are hidden from Resource and Executive callers other than themselves.</summary>
public static class PersonAccess
{
    /// <summary>SQL predicate over person alias <c>p</c>; needs parameters <c>@seePrivate</c> and <c>@caller</c>.</summary>
    public const string VisibleSql = "(@seePrivate = 1 OR p.private = 0 OR p.id = @caller)";

    public static async Task<PersonVisibility> OfAsync(DbConnection connection, long personId, Caller caller, DbTransaction? transaction = null)
    {
        var isPrivate = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT private FROM person WHERE id = @personId", new { personId }, transaction);
        return isPrivate switch
        {
            null => PersonVisibility.Missing,
            1 when !caller.SeesPrivatePeople && personId != caller.PersonId => PersonVisibility.Hidden,
            _ => PersonVisibility.Visible,
        };
    }

    public static int Flag(bool value) => value ? 1 : 0;
}
