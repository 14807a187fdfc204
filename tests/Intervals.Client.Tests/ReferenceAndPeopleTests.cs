namespace Intervals.Client.Tests;

public sealed class ReferenceAndPeopleTests(IntervalsServer server) : IClassFixture<IntervalsServer>
{
    [Fact]
    public async Task ContactTypesAreTheFiveSeededKinds()
    {
        var (_, token) = await server.AddPersonAsync();

        var types = await server.CreateIntervalsClient(token).ListContactTypesAsync();

        Assert.Equal(["email", "phone", "address", "website", "chat"], types.Select(t => t.Name));
        Assert.Equal([1, 2, 3, 4, 5], types.Select(t => t.Id));
    }

    [Fact]
    public async Task DescriptorsOfATypeAllBelongToThatType()
    {
        var (_, token) = await server.AddPersonAsync();

        var phone = await server.CreateIntervalsClient(token).ListContactDescriptorsAsync(2);

        Assert.Equal(["Work", "Mobile", "Home", "Fax", "Other"], phone.Select(d => d.Name));
        Assert.All(phone, d => Assert.Equal(2, d.ContactTypeId));
    }

    [Fact]
    public async Task GroupsAreTheFourRoles()
    {
        var (_, token) = await server.AddPersonAsync(IntervalsServer.Executive);

        var groups = await server.CreateIntervalsClient(token).ListGroupsAsync();

        Assert.Equal([(2, "Administrator"), (3, "Manager"), (4, "Resource"), (5, "Executive")], groups.Select(g => (g.Id, g.Name)));
    }

    [Fact]
    public async Task MeIsTheCallerWithTypedFlagsAndNullsForMissingFields()
    {
        var (id, token) = await server.AddPersonAsync(isPrivate: true, firstName: "Grace");

        var me = await server.CreateIntervalsClient(token).GetMeAsync();

        Assert.Equal(id, me.Id);
        Assert.Equal("Grace", me.FirstName);
        Assert.Null(me.LastName);
        Assert.Null(me.Email);
        Assert.Equal(IntervalsServer.Resource, me.GroupId);
        Assert.Equal("Resource", me.Group);
        Assert.True(me.Active);
        Assert.True(me.Private);
    }

    [Fact]
    public async Task ListingPeopleReturnsAPageAndTheCountOfEveryMatch()
    {
        var marker = "Zed" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await server.AddPersonAsync(firstName: $"{marker} {i}")).Id);
        }

        var admin = server.CreateIntervalsClient(IntervalsServer.AdminToken);
        var first = await admin.ListPeopleAsync(new PersonQuery { FirstName = marker, Limit = 2 });
        var second = await admin.ListPeopleAsync(new PersonQuery { FirstName = marker, Limit = 2, Offset = 2 });

        Assert.Equal(3, first.ListCount);
        Assert.Equal(ids.Take(2), first.Items.Select(p => p.Id));
        Assert.Equal(ids.Skip(2), second.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task ListingPeopleCanSelectInactiveOnes()
    {
        var marker = "Idle" + Guid.NewGuid().ToString("N")[..6];
        var (inactive, _) = await server.AddPersonAsync(active: false, firstName: marker);
        await server.AddPersonAsync(firstName: marker);

        var page = await server.CreateIntervalsClient(IntervalsServer.AdminToken)
            .ListPeopleAsync(new PersonQuery { Search = marker, Active = false });

        var person = Assert.Single(page.Items);
        Assert.Equal(inactive, person.Id);
        Assert.False(person.Active);
    }

    [Fact]
    public async Task GetPersonReadsTheStoredFields()
    {
        var (id, _) = await server.AddPersonAsync(IntervalsServer.Executive, firstName: "Alan", lastName: "Turing");

        var person = await server.CreateIntervalsClient(IntervalsServer.AdminToken).GetPersonAsync(id);

        Assert.Equal(id, person.Id);
        Assert.Equal("Alan", person.FirstName);
        Assert.Equal("Turing", person.LastName);
        Assert.Equal("Executive", person.Group);
        Assert.False(person.Private);
    }
}
