using System.Text.Json.Serialization;

namespace Intervals.Client.Wire;

/// <summary>
/// The one serializer configuration: wire converters, unset fields left out of request bodies, and missing or
/// null required fields rejected rather than turned into zeros.
/// </summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(WireInt32Converter), typeof(WireBooleanConverter)],
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(PersonContact))]
[JsonSerializable(typeof(List<PersonContact>))]
[JsonSerializable(typeof(NewPersonContact))]
[JsonSerializable(typeof(PersonContactChanges))]
[JsonSerializable(typeof(Person))]
[JsonSerializable(typeof(List<Person>))]
[JsonSerializable(typeof(ContactType))]
[JsonSerializable(typeof(List<ContactType>))]
[JsonSerializable(typeof(ContactDescriptor))]
[JsonSerializable(typeof(List<ContactDescriptor>))]
[JsonSerializable(typeof(Group))]
[JsonSerializable(typeof(List<Group>))]
internal sealed partial class WireJson : JsonSerializerContext;
