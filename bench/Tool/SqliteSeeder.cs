using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Bench.Tool;

/// <summary>
/// Fills a database file whose schema the server has already created (and that holds only the
/// administrator) with people and their contacts, in one transaction with prepared statements.
/// </summary>
public static class SqliteSeeder
{
    public static int Run(string file, int people, int tokenHolders, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var builder = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;");

        var existingContacts = Scalar(connection, "SELECT COUNT(*) FROM personcontact");
        if (existingContacts != 0)
        {
            throw new InvalidOperationException($"{file} already holds {existingContacts} contacts; seed a fresh database");
        }

        var firstPerson = Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM person") + 1;
        const long firstContact = 1;

        using (var transaction = connection.BeginTransaction())
        {
            using var person = connection.CreateCommand();
            person.Transaction = transaction;
            person.CommandText =
                """
                INSERT INTO person (id, firstname, lastname, title, username, email, groupid, active, private, notes,
                                    firstname_fold, lastname_fold, username_fold, email_fold)
                VALUES ($id, $first, $last, $title, $user, $email, $group, $active, $private, $notes,
                        $firstFold, $lastFold, $userFold, $emailFold)
                """;
            var p = Parameters(person, "$id", "$first", "$last", "$title", "$user", "$email", "$group", "$active",
                "$private", "$notes", "$firstFold", "$lastFold", "$userFold", "$emailFold");
            person.Prepare();

            using var contact = connection.CreateCommand();
            contact.Transaction = transaction;
            contact.CommandText =
                """
                INSERT INTO personcontact (id, personid, contacttypeid, contactdescriptorid, value, value_fold)
                VALUES ($id, $person, $type, $descriptor, $value, $fold)
                """;
            var c = Parameters(contact, "$id", "$person", "$type", "$descriptor", "$value", "$fold");
            contact.Prepare();

            for (var i = 0; i < people; i++)
            {
                var row = DataGenerator.Person(i, firstPerson + i);
                if (i < tokenHolders)
                {
                    row = DataGenerator.AsTokenHolder(row);
                }

                Set(p, row.Id, row.FirstName, row.LastName, row.Title, row.UserName, row.Email, row.GroupId,
                    row.Active ? 1 : 0, row.Private ? 1 : 0, (object?)row.Notes ?? DBNull.Value,
                    row.FirstName.ToLowerInvariant(), row.LastName.ToLowerInvariant(),
                    row.UserName.ToLowerInvariant(), row.Email.ToLowerInvariant());
                person.ExecuteNonQuery();

                foreach (var item in DataGenerator.Contacts(i, row, firstContact + ((long)i * DataGenerator.ContactsPerPerson)))
                {
                    Set(c, item.Id, item.PersonId, item.ContactTypeId, item.ContactDescriptorId, item.Value,
                        item.Value.ToLowerInvariant());
                    contact.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var contacts = (long)people * DataGenerator.ContactsPerPerson;
        output.WriteLine($"FIRST_PERSON={firstPerson}");
        output.WriteLine($"PEOPLE={people}");
        output.WriteLine($"FIRST_CONTACT={firstContact}");
        output.WriteLine($"CONTACTS={contacts}");
        output.WriteLine($"SEED_SECONDS={watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();

    private static void Set(SqliteParameter[] parameters, params object[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i];
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
