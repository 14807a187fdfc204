namespace Intervals.Client.Tests;

public sealed class PersonContactTests(IntervalsServer server) : IClassFixture<IntervalsServer>
{
    private const int Email = 1;
    private const int EmailWork = 1;
    private const int EmailHome = 2;
    private const int Phone = 2;
    private const int PhoneMobile = 5;
    private const int Address = 3;
    private const int AddressHome = 10;

    [Fact]
    public async Task CreatedContactComesBackWithItsNewIdAndTypedFields()
    {
        var (personId, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token);

        var created = await client.CreatePersonContactAsync(New(personId, Email, EmailWork, "  ada@example.com  "));

        Assert.True(created.Id > 0);
        Assert.Equal(personId, created.PersonId);
        Assert.Equal(Email, created.ContactTypeId);
        Assert.Equal(EmailWork, created.ContactDescriptorId);
        Assert.Equal("ada@example.com", created.Value);
        Assert.Equal("email", created.ContactType);
        Assert.Equal("Work", created.ContactDescriptor);
    }

    [Fact]
    public async Task GetReturnsTheStoredContactWithItsLineBreaksKept()
    {
        var (personId, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token);
        var created = await client.CreatePersonContactAsync(New(personId, Address, AddressHome, "1 Main St\nSpringfield"));

        var read = await client.GetPersonContactAsync(created.Id);

        Assert.Equal(created.Id, read.Id);
        Assert.Equal("1 Main St\nSpringfield", read.Value);
        Assert.Equal("address", read.ContactType);
        Assert.Equal("Home", read.ContactDescriptor);
    }

    [Fact]
    public async Task ListFiltersByTypeAndDescriptorAndCountsEveryMatch()
    {
        var (personId, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token);
        var work = await client.CreatePersonContactAsync(New(personId, Email, EmailWork, "work@example.com"));
        var home = await client.CreatePersonContactAsync(New(personId, Email, EmailHome, "home@example.com"));
        await client.CreatePersonContactAsync(New(personId, Phone, PhoneMobile, "+1 555 0100"));

        var all = await client.ListPersonContactsAsync(new PersonContactQuery { PersonId = personId });
        var emails = await client.ListPersonContactsAsync(new PersonContactQuery { PersonId = personId, ContactTypeId = Email });
        var homeEmails = await client.ListPersonContactsAsync(
            new PersonContactQuery { PersonId = personId, ContactTypeId = Email, ContactDescriptorId = EmailHome });

        Assert.Equal(3, all.ListCount);
        Assert.Equal(3, all.Items.Count);
        Assert.Equal([work.Id, home.Id], emails.Items.Select(c => c.Id));
        Assert.Equal(2, emails.ListCount);
        Assert.Equal(home.Id, Assert.Single(homeEmails.Items).Id);
        Assert.Equal(1, homeEmails.ListCount);
    }

    [Fact]
    public async Task ListWithLimitAndOffsetReturnsOnePageButCountsEveryMatch()
    {
        var (personId, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token);
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.CreatePersonContactAsync(New(personId, Email, EmailWork, $"p{i}@example.com"))).Id);
        }

        var page = await client.ListPersonContactsAsync(new PersonContactQuery { PersonId = personId, Limit = 2, Offset = 2 });

        Assert.Equal(5, page.ListCount);
        Assert.Equal(ids.Skip(2).Take(2), page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task EnumeratingFetchesPageAfterPageUntilEveryContactIsSeen()
    {
        var (personId, token) = await server.AddPersonAsync();
        var counter = new FaultInjectingHandler();
        var client = server.CreateIntervalsClient(token, handler: counter);
        var ids = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await client.CreatePersonContactAsync(New(personId, Phone, PhoneMobile, $"+1 555 010{i}"))).Id);
        }

        var before = counter.Attempts;
        var seen = new List<int>();
        await foreach (var contact in client.EnumeratePersonContactsAsync(new PersonContactQuery { PersonId = personId, Limit = 3 }))
        {
            seen.Add(contact.Id);
        }

        Assert.Equal(ids, seen);
        Assert.Equal(3, counter.Attempts - before);
        Assert.All(counter.Requests.Skip(before), r => Assert.Contains("limit=3", r.RequestUri!.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PartialUpdateChangesOnlyTheFieldsGiven()
    {
        var (personId, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token);
        var created = await client.CreatePersonContactAsync(New(personId, Email, EmailWork, "old@example.com"));

        var updated = await client.UpdatePersonContactAsync(created.Id, new PersonContactChanges { Value = "new@example.com" });
        var moved = await client.UpdatePersonContactAsync(created.Id, new PersonContactChanges { ContactDescriptorId = EmailHome });

        Assert.Equal("new@example.com", updated.Value);
        Assert.Equal(EmailWork, updated.ContactDescriptorId);
        Assert.Equal("new@example.com", moved.Value);
        Assert.Equal("Home", moved.ContactDescriptor);
        Assert.Equal(personId, moved.PersonId);
    }

    [Fact]
    public async Task DeletedContactCanNoLongerBeRead()
    {
        var (personId, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token);
        var created = await client.CreatePersonContactAsync(New(personId, Email, EmailWork, "gone@example.com"));

        await client.DeletePersonContactAsync(created.Id);

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() => client.GetPersonContactAsync(created.Id));
        Assert.Equal(IntervalsErrorCode.NotFound, failure.ErrorCode);
        Assert.Empty((await client.ListPersonContactsAsync(new PersonContactQuery { PersonId = personId })).Items);
    }

    [Fact]
    public async Task ListingContactsOfAPersonWhoDoesNotExistGivesAnEmptyPage()
    {
        var (_, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token);

        var page = await client.ListPersonContactsAsync(new PersonContactQuery { PersonId = 999_999 });

        Assert.Empty(page.Items);
        Assert.Equal(0, page.ListCount);
    }

    [Fact]
    public async Task AdministratorMayAddAContactForSomeoneElse()
    {
        var (personId, _) = await server.AddPersonAsync();
        var admin = server.CreateIntervalsClient(IntervalsServer.AdminToken);

        var created = await admin.CreatePersonContactAsync(New(personId, Email, EmailWork, "given@example.com"));

        Assert.Equal(personId, created.PersonId);
    }

    internal static NewPersonContact New(int personId, int typeId, int descriptorId, string value) => new()
    {
        PersonId = personId,
        ContactTypeId = typeId,
        ContactDescriptorId = descriptorId,
        Value = value,
    };
}
