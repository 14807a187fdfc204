using System.Text;

// The ceiling: the cheapest ASP.NET Core answer to the benchmark's paths. Every body is built once at
// start and written as is; nothing is parsed, looked up or logged.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var app = builder.Build();

const string Item =
    """{"id":"42","personid":"7","contact_type_id":"1","contact_descriptor_id":"1","value":"anna.andersen0@example.com","contact_type":"email","contact_descriptor":"Work"}""";
const string XmlItem =
    "<id>42</id><personid>7</personid><contact_type_id>1</contact_type_id><contact_descriptor_id>1</contact_descriptor_id>"
    + "<value>anna.andersen0@example.com</value><contact_type>email</contact_type><contact_descriptor>Work</contact_descriptor>";

var member = Encoding.UTF8.GetBytes($$"""{"personid":1,"status":"OK","code":200,"personcontact":{{Item}}}""");
var memberXml = Encoding.UTF8.GetBytes(
    $"""<?xml version="1.0" encoding="utf-8"?><intervals><personid>1</personid><status>OK</status><code>200</code><personcontact>{XmlItem}</personcontact></intervals>""");
var collection = Encoding.UTF8.GetBytes(
    $$"""{"personid":1,"status":"OK","code":200,"listcount":10,"personcontact":[{{string.Join(',', Enumerable.Repeat(Item, 10))}}]}""");
var created = Encoding.UTF8.GetBytes($$"""{"personid":1,"status":"Created","code":201,"personcontact":{{Item}}}""");
var updated = Encoding.UTF8.GetBytes($$"""{"personid":1,"status":"Accepted","code":202,"personcontact":{{Item}}}""");
var healthy = """{"status":"OK"}"""u8.ToArray();

app.MapGet("/personcontact/{id}", (HttpContext context) =>
    context.Request.Headers.Accept.ToString().Contains("xml", StringComparison.Ordinal)
        ? Write(context, 200, "application/xml; charset=utf-8", memberXml)
        : Write(context, 200, "application/json; charset=utf-8", member));
app.MapGet("/personcontact", (HttpContext context) => Write(context, 200, "application/json; charset=utf-8", collection));
app.MapPost("/personcontact", (HttpContext context) => Write(context, 201, "application/json; charset=utf-8", created));
app.MapMethods("/personcontact/{id}", ["PUT", "PATCH"], (HttpContext context) => Write(context, 202, "application/json; charset=utf-8", updated));
app.MapGet("/healthz", (HttpContext context) => Write(context, 200, "application/json; charset=utf-8", healthy));

await app.RunAsync();

static Task Write(HttpContext context, int status, string type, byte[] body)
{
    var response = context.Response;
    response.StatusCode = status;
    response.ContentType = type;
    response.ContentLength = body.Length;
    return response.Body.WriteAsync(body, 0, body.Length);
}
