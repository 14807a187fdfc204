using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Bench.Tool;

/// <summary>The same people and contacts as <see cref="SqliteSeeder"/>, loaded into PostgreSQL with binary COPY.</summary>
public static class PostgresSeeder
{
    public static async Task<int> RunAsync(string connectionString, int people, int tokenHolders, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var existingContacts = await ScalarAsync(connection, "SELECT COUNT(*) FROM personcontact");
        if (existingContacts != 0)
        {
            throw new InvalidOperationException($"the database already holds {existingContacts} contacts; seed a fresh one");
        }

        var firstPerson = await ScalarAsync(connection, "SELECT COALESCE(MAX(id), 0) FROM person") + 1;
        const long firstContact = 1;

        await using (var persons = await connection.BeginBinaryImportAsync(
            "COPY person (id, firstname, lastname, title, username, email, groupid, active, private, notes, "
            + "firstname_fold, lastname_fold, username_fold, email_fold) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < people; i++)
            {
                var row = Person(i, firstPerson, tokenHolders);
                await persons.StartRowAsync();
                await persons.WriteAsync(row.Id, NpgsqlDbType.Bigint);
                await persons.WriteAsync(row.FirstName, NpgsqlDbType.Text);
                await persons.WriteAsync(row.LastName, NpgsqlDbType.Text);
                await persons.WriteAsync(row.Title, NpgsqlDbType.Text);
                await persons.WriteAsync(row.UserName, NpgsqlDbType.Text);
                await persons.WriteAsync(row.Email, NpgsqlDbType.Text);
                await persons.WriteAsync(row.GroupId, NpgsqlDbType.Integer);
                await persons.WriteAsync(row.Active ? 1 : 0, NpgsqlDbType.Integer);
                await persons.WriteAsync(row.Private ? 1 : 0, NpgsqlDbType.Integer);
                if (row.Notes is null)
                {
                    await persons.WriteNullAsync();
                }
                else
                {
                    await persons.WriteAsync(row.Notes, NpgsqlDbType.Text);
                }

                await persons.WriteAsync(row.FirstName.ToLowerInvariant(), NpgsqlDbType.Text);
                await persons.WriteAsync(row.LastName.ToLowerInvariant(), NpgsqlDbType.Text);
                await persons.WriteAsync(row.UserName.ToLowerInvariant(), NpgsqlDbType.Text);
                await persons.WriteAsync(row.Email.ToLowerInvariant(), NpgsqlDbType.Text);
            }

            await persons.CompleteAsync();
        }

        await using (var contacts = await connection.BeginBinaryImportAsync(
            "COPY personcontact (id, personid, contacttypeid, contactdescriptorid, value, value_fold) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < people; i++)
            {
                var row = Person(i, firstPerson, tokenHolders);
                foreach (var item in DataGenerator.Contacts(i, row, firstContact + ((long)i * DataGenerator.ContactsPerPerson)))
                {
                    await contacts.StartRowAsync();
                    await contacts.WriteAsync(item.Id, NpgsqlDbType.Bigint);
                    await contacts.WriteAsync(item.PersonId, NpgsqlDbType.Bigint);
                    await contacts.WriteAsync(item.ContactTypeId, NpgsqlDbType.Integer);
                    await contacts.WriteAsync(item.ContactDescriptorId, NpgsqlDbType.Integer);
                    await contacts.WriteAsync(item.Value, NpgsqlDbType.Text);
                    await contacts.WriteAsync(item.Value.ToLowerInvariant(), NpgsqlDbType.Text);
                }
            }

            await contacts.CompleteAsync();
        }

        // Explicit ids bypass the identity columns: move them past the seeded rows, then let the planner see the data.
        await ExecuteAsync(connection, $"ALTER TABLE person ALTER COLUMN id RESTART WITH {firstPerson + people}");
        await ExecuteAsync(connection,
            $"ALTER TABLE personcontact ALTER COLUMN id RESTART WITH {firstContact + ((long)people * DataGenerator.ContactsPerPerson)}");
        await ExecuteAsync(connection, "ANALYZE");

        output.WriteLine($"FIRST_PERSON={firstPerson}");
        output.WriteLine($"PEOPLE={people}");
        output.WriteLine($"FIRST_CONTACT={firstContact}");
        output.WriteLine($"CONTACTS={(long)people * DataGenerator.ContactsPerPerson}");
        output.WriteLine($"SEED_SECONDS={watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static PersonRow Person(int index, long firstPerson, int tokenHolders)
    {
        var row = DataGenerator.Person(index, firstPerson + index);
        return index < tokenHolders ? DataGenerator.AsTokenHolder(row) : row;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
