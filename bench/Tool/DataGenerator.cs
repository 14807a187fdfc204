using System.Globalization;

namespace Bench.Tool;

/// <summary>One seeded person, as the person table stores it.</summary>
public sealed record PersonRow(
    long Id, string FirstName, string LastName, string Title, string UserName, string Email,
    int GroupId, bool Active, bool Private, string? Notes);

/// <summary>One seeded contact, as the personcontact table stores it.</summary>
public sealed record ContactRow(long Id, long PersonId, int ContactTypeId, int ContactDescriptorId, string Value);

/// <summary>
/// Deterministic, realistic-looking people and contacts: the same index always gives the same person
/// and the same ten contacts, so SQLite, PostgreSQL and json-server's db.json hold the same rows.
/// </summary>
public static class DataGenerator
{
    public const int ContactsPerPerson = 10;

    /// <summary>Contact type and descriptor names, as the schema seeds them (for db.json).</summary>
    public static readonly IReadOnlyDictionary<int, string> TypeNames = new Dictionary<int, string>
    {
        [1] = "email",
        [2] = "phone",
        [3] = "address",
        [4] = "website",
        [5] = "chat",
    };

    public static readonly IReadOnlyDictionary<int, (int Type, string Name)> Descriptors = new Dictionary<int, (int, string)>
    {
        [1] = (1, "Work"),
        [2] = (1, "Home"),
        [3] = (1, "Other"),
        [4] = (2, "Work"),
        [5] = (2, "Mobile"),
        [6] = (2, "Home"),
        [7] = (2, "Fax"),
        [8] = (2, "Other"),
        [9] = (3, "Work"),
        [10] = (3, "Home"),
        [11] = (3, "Other"),
        [12] = (4, "Work"),
        [13] = (4, "Personal"),
        [14] = (4, "Other"),
        [15] = (5, "Work"),
        [16] = (5, "Personal"),
        [17] = (5, "Other"),
    };

    private static readonly Dictionary<int, int[]> DescriptorsOfType = Descriptors
        .GroupBy(d => d.Value.Type)
        .ToDictionary(g => g.Key, g => g.Select(d => d.Key).Order().ToArray());

    // Ten contacts a person: three addresses of mail, three numbers, two postal addresses, a site, a handle.
    private static readonly int[] TypePlan = [1, 2, 1, 2, 3, 1, 2, 3, 4, 5];

    private static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Chloé", "Dmitri", "Elif", "Farah", "Gustav", "Hana", "Ivan", "José", "Keiko", "Lars",
        "Maëlle", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Søren", "Tomás", "Uma", "Viktor", "Wen", "Xavier",
        "Yara", "Zoë", "Łukasz", "Ümit", "Ingrid", "Mateo", "Priya", "Kwame",
    ];

    private static readonly string[] LastNames =
    [
        "Andersen", "Barros", "Castillo", "Dubois", "Eriksson", "Fischer", "García", "Horvath", "Ivanova",
        "Jensen", "Kowalski", "Lindqvist", "Müller", "Nakamura", "O'Brien", "Petrov", "Quintero", "Rossi",
        "Schäfer", "Tanaka", "Usman", "Varga", "Wójcik", "Xu", "Yilmaz", "Zimmermann", "Ødegaard", "Mensah",
    ];

    private static readonly string[] Titles =
    [
        "Developer", "Designer", "Project Manager", "Account Executive", "Consultant", "Copywriter",
        "QA Engineer", "Office Manager", "Art Director", "Bookkeeper",
    ];

    private static readonly string[] Domains = ["example.com", "example.org", "example.net", "mail.example.com"];

    private static readonly string[] Streets =
    [
        "Main St", "Oak Avenue", "Hauptstraße", "Rue de la Paix", "Calle Mayor", "Station Road", "Elm Court",
        "Harbour View", "Mill Lane", "Kirkegata",
    ];

    private static readonly string[] Cities =
    [
        "Springfield, IL 62704", "10115 Berlin", "75002 Paris", "28013 Madrid", "Leeds LS1 4DY", "0150 Oslo",
        "Portland, OR 97205", "Kraków 31-042", "Toronto, ON M5V 2T6", "Malmö 211 22",
    ];

    private static readonly string[] ChatPrefixes = ["@", "skype:", "matrix:@", "xmpp:"];

    /// <summary>The person at <paramref name="index"/> (0-based), given the database id it will have.</summary>
    public static PersonRow Person(int index, long id)
    {
        var random = new Random(unchecked((index * 7919) + 17));
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var user = $"{Ascii(first)}.{Ascii(last)}{index}".ToLowerInvariant();
        var roll = random.Next(100);
        var group = roll switch
        {
            < 2 => 2,
            < 22 => 3,
            < 30 => 5,
            _ => 4,
        };
        var active = random.Next(100) >= 5;
        var isPrivate = random.Next(100) < 5;
        var notes = random.Next(10) == 0 ? $"Joined in {2005 + random.Next(20)}; prefers {(random.Next(2) == 0 ? "email" : "phone")}." : null;
        return new PersonRow(
            id, first, last, Titles[random.Next(Titles.Length)], user,
            $"{user}@{Domains[random.Next(Domains.Length)]}", group, active, isPrivate, notes);
    }

    /// <summary>Makes a person usable by an API token holder: active, not an administrator, not private.</summary>
    public static PersonRow AsTokenHolder(PersonRow person) =>
        person with { GroupId = 4, Active = true, Private = false };

    /// <summary>The ten contacts of the person at <paramref name="index"/>; ids start at <paramref name="firstId"/>.</summary>
    public static IEnumerable<ContactRow> Contacts(int index, PersonRow person, long firstId)
    {
        var random = new Random(unchecked((index * 104729) + 3));
        var shift = random.Next(TypePlan.Length);
        for (var k = 0; k < ContactsPerPerson; k++)
        {
            var type = TypePlan[(k + shift) % TypePlan.Length];
            var choices = DescriptorsOfType[type];
            var descriptor = choices[random.Next(choices.Length)];
            yield return new ContactRow(firstId + k, person.Id, type, descriptor, Value(type, person, random, k));
        }
    }

    private static string Value(int type, PersonRow person, Random random, int k)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case 1:
                return k == 0 ? person.Email : $"{person.UserName}+{k}@{Domains[random.Next(Domains.Length)]}";
            case 2:
                return random.Next(3) switch
                {
                    0 => string.Create(inv, $"+1 555 {random.Next(100, 999)} {random.Next(1000, 9999)}"),
                    1 => string.Create(inv, $"+44 20 7{random.Next(100, 999)} {random.Next(1000, 9999)}"),
                    _ => string.Create(inv, $"(0{random.Next(10, 99)}) {random.Next(100000, 999999)} ext. {random.Next(10, 99)}"),
                };
            case 3:
                return string.Create(inv, $"{random.Next(1, 400)} {Streets[random.Next(Streets.Length)]}\n{Cities[random.Next(Cities.Length)]}");
            case 4:
                return $"https://www.{Domains[random.Next(Domains.Length)]}/~{person.UserName}";
            default:
                return $"{ChatPrefixes[random.Next(ChatPrefixes.Length)]}{person.UserName}";
        }
    }

    private static string Ascii(string name)
    {
        var normalized = name.Normalize(System.Text.NormalizationForm.FormD);
        var kept = normalized.Where(c => char.IsAsciiLetter(c)).ToArray();
        return kept.Length == 0 ? "user" : new string(kept);
    }
}
