using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Intervals.Client.Wire;

namespace Intervals.Client;

/// <summary>
/// A typed client for the Intervals API's <c>personcontact</c> resource and the resources it leans on.
/// Failures throw <see cref="IntervalsApiException"/>; transient ones are retried as <see cref="IntervalsClientOptions"/> says.
/// </summary>
public sealed class IntervalsClient
{
    private const int DefaultPageSize = 100;

    private readonly Transport _transport;

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>, which it does not dispose.</summary>
    /// <param name="httpClient">The HTTP client to send with; its own base address is not used.</param>
    /// <param name="options">Base address, token and retry settings; read once, here.</param>
    public IntervalsClient(HttpClient httpClient, IntervalsClientOptions options)
    {
        _transport = new Transport(httpClient, options);
    }

    /// <summary>Lists a person's contacts, optionally filtered and paged.</summary>
    /// <param name="query">The person, filters, and limit and offset.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The matching contacts in id order, and the number of all matches.</returns>
    public Task<IntervalsPage<PersonContact>> ListPersonContactsAsync(
        PersonContactQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListContactsAsync(query, query.Limit, query.Offset, cancellationToken);
    }

    /// <summary>
    /// Every contact matching <paramref name="query"/>, fetched a page at a time as the caller iterates.
    /// The query's <see cref="PersonContactQuery.Limit"/> sets the page size (default 100); its offset sets where to start.
    /// </summary>
    /// <param name="query">The person and filters.</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    /// <returns>The contacts in id order.</returns>
    public async IAsyncEnumerable<PersonContact> EnumeratePersonContactsAsync(
        PersonContactQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = query.Limit is > 0 and var limit ? limit : DefaultPageSize;
        var offset = query.Offset ?? 0;
        while (true)
        {
            var page = await ListContactsAsync(query, pageSize, offset, cancellationToken).ConfigureAwait(false);
            foreach (var contact in page.Items)
            {
                yield return contact;
            }

            offset += page.Items.Count;
            if (page.Items.Count == 0 || offset >= page.ListCount)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads one contact.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The contact.</returns>
    public Task<PersonContact> GetPersonContactAsync(int id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            ApiRequest.Get(Member("personcontact", id)),
            root => Envelope.Member(root, "personcontact", WireJson.Default.PersonContact),
            cancellationToken);

    /// <summary>Creates a contact. A create is never retried, so a transient failure may or may not have stored it.</summary>
    /// <param name="contact">The new contact's fields.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stored contact, with its new id.</returns>
    public Task<PersonContact> CreatePersonContactAsync(NewPersonContact contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return _transport.SendAsync(
            ApiRequest.Create("personcontact/", JsonSerializer.SerializeToUtf8Bytes(contact, WireJson.Default.NewPersonContact)),
            root => Envelope.Member(root, "personcontact", WireJson.Default.PersonContact),
            cancellationToken);
    }

    /// <summary>Changes the fields of a contact that <paramref name="changes"/> sets, and leaves the rest.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="changes">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The whole contact after the update.</returns>
    public Task<PersonContact> UpdatePersonContactAsync(
        int id, PersonContactChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return _transport.SendAsync(
            ApiRequest.Update(
                Member("personcontact", id), JsonSerializer.SerializeToUtf8Bytes(changes, WireJson.Default.PersonContactChanges)),
            root => Envelope.Member(root, "personcontact", WireJson.Default.PersonContact),
            cancellationToken);
    }

    /// <summary>Deletes a contact.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes once the contact is gone.</returns>
    public Task DeletePersonContactAsync(int id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiRequest.Delete(Member("personcontact", id)), cancellationToken);

    /// <summary>Lists the contact types, such as email and phone.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Every contact type, in id order.</returns>
    public Task<IReadOnlyList<ContactType>> ListContactTypesAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync<IReadOnlyList<ContactType>>(
            ApiRequest.Get("contacttype/"),
            root => Envelope.All(root, "contacttype", WireJson.Default.ListContactType),
            cancellationToken);

    /// <summary>Lists the descriptors (Work, Home, …) of one contact type.</summary>
    /// <param name="contactTypeId">The contact type.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The type's descriptors, in id order.</returns>
    public Task<IReadOnlyList<ContactDescriptor>> ListContactDescriptorsAsync(
        int contactTypeId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync<IReadOnlyList<ContactDescriptor>>(
            ApiRequest.Get(new QueryBuilder("contactdescriptor/").Add("contacttypeid", contactTypeId).ToString()),
            root => Envelope.All(root, "contactdescriptor", WireJson.Default.ListContactDescriptor),
            cancellationToken);

    /// <summary>Lists the permission groups.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Every group, in id order.</returns>
    public Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync<IReadOnlyList<Group>>(
            ApiRequest.Get("group/"),
            root => Envelope.All(root, "group", WireJson.Default.ListGroup),
            cancellationToken);

    /// <summary>Reads the person whose token the client uses.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The caller.</returns>
    public Task<Person> GetMeAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            ApiRequest.Get("me/"),
            root => Envelope.All(root, "me", WireJson.Default.ListPerson) is [var me]
                ? me
                : throw new JsonException("'me' must hold exactly one person"),
            cancellationToken);

    /// <summary>Lists people. Without a limit the API returns the first 10.</summary>
    /// <param name="query">Filters, limit and offset; null lists with none.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The matching people in id order, and the number of all matches.</returns>
    public Task<IntervalsPage<Person>> ListPeopleAsync(PersonQuery? query = null, CancellationToken cancellationToken = default)
    {
        var path = new QueryBuilder("person/")
            .Add("firstname", query?.FirstName)
            .Add("lastname", query?.LastName)
            .Add("search", query?.Search)
            .Add("groupid", query?.GroupId)
            .Add("active", query?.Active)
            .Add("limit", query?.Limit)
            .Add("offset", query?.Offset);
        return _transport.SendAsync(
            ApiRequest.Get(path.ToString()),
            root => Envelope.Page(root, "person", WireJson.Default.ListPerson),
            cancellationToken);
    }

    /// <summary>Reads one person.</summary>
    /// <param name="id">The person's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The person.</returns>
    public Task<Person> GetPersonAsync(int id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            ApiRequest.Get(Member("person", id)),
            root => Envelope.Member(root, "person", WireJson.Default.Person),
            cancellationToken);

    private Task<IntervalsPage<PersonContact>> ListContactsAsync(
        PersonContactQuery query, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var path = new QueryBuilder("personcontact/")
            .Add("personid", query.PersonId)
            .Add("contacttypeid", query.ContactTypeId)
            .Add("contactdescriptorid", query.ContactDescriptorId)
            .Add("limit", limit)
            .Add("offset", offset);
        return _transport.SendAsync(
            ApiRequest.Get(path.ToString()),
            root => Envelope.Page(root, "personcontact", WireJson.Default.ListPersonContact),
            cancellationToken);
    }

    private static string Member(string resource, int id) =>
        string.Create(CultureInfo.InvariantCulture, $"{resource}/{id}/");
}
