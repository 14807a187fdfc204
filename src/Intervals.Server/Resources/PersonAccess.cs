using Intervals.Server.Api;
using Intervals.Server.Storage;

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

    public static async Task<PersonVisibility> OfAsync(DbScope scope, long personId, Caller caller, CancellationToken cancel) =>
        Classify(await scope.Command("SELECT private FROM person WHERE id = @personId").With("personId", personId).ScalarAsync(cancel),
            personId, caller);

    public static int Flag(bool value) => value ? 1 : 0;

    /// <summary>
    /// The join and condition that hide private people's contacts (alias <c>c</c>) from callers who may not see
    /// them; callers who see everyone need neither, which spares a lookup per query.
    /// </summary>
    public static (string Join, string Condition) ContactVisibility(bool seesPrivatePeople) => seesPrivatePeople
        ? ("", "")
        : (" JOIN person p ON p.id = c.personid", " AND " + VisibleSql);

    private static PersonVisibility Classify(long? isPrivate, long personId, Caller caller) => isPrivate switch
    {
        null => PersonVisibility.Missing,
        1 when !caller.SeesPrivatePeople && personId != caller.PersonId => PersonVisibility.Hidden,
        _ => PersonVisibility.Visible,
    };
}
