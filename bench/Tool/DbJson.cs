using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bench.Tool;

/// <summary>
/// json-server's database: the first people's contacts as the items our server returns (string fields),
/// except that <c>id</c> is a JSON number so json-server keeps numbering new rows itself.
/// </summary>
public static class DbJson
{
    public static int Run(string path, int people, int tokenHolders, long firstPerson)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("personcontact");
        for (var i = 0; i < people; i++)
        {
            var person = DataGenerator.Person(i, firstPerson + i);
            if (i < tokenHolders)
            {
                person = DataGenerator.AsTokenHolder(person);
            }

            foreach (var contact in DataGenerator.Contacts(i, person, 1 + ((long)i * DataGenerator.ContactsPerPerson)))
            {
                json.WriteStartObject();
                json.WriteNumber("id", contact.Id);
                json.WriteString("personid", Text(contact.PersonId));
                json.WriteString("contact_type_id", Text(contact.ContactTypeId));
                json.WriteString("contact_descriptor_id", Text(contact.ContactDescriptorId));
                json.WriteString("value", contact.Value);
                json.WriteString("contact_type", DataGenerator.TypeNames[contact.ContactTypeId]);
                json.WriteString("contact_descriptor", DataGenerator.Descriptors[contact.ContactDescriptorId].Name);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return 0;
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
