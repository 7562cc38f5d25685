using Azure.Core.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Keys;
using SubmissionGateway.Protection.Retention;

namespace SubmissionGateway.Tests.Protection;

public sealed class ProtectionRegistrationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_embedded_default_starts_with_a_new_key_file_and_a_file_store()
    {
        using var host = Build(new() { ["Protection:DataFolder"] = _folder.Combine("data") });

        await host.StartAsync(TestContext.Current.CancellationToken);

        File.Exists(_folder.Combine("data", "keys", "kek.json")).ShouldBeTrue();
        host.Services.GetRequiredService<IAttachmentStore>().ShouldBeOfType<FileAttachmentStore>();
        host.Services.GetRequiredService<IKeyEncryptionKeyResolver>().ShouldBeSameAs(host.Services.GetRequiredService<IKeyRing>());
        host.Services.GetRequiredService<IPayloadRetention>().ShouldBeOfType<PayloadRetention>();
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("Protection:RetentionDays", "0", "RetentionDays")]
    [InlineData("Protection:KeyProvider", "KeyVaultSecret", "VaultUri")]
    [InlineData("Protection:AttachmentStore", "AzureBlob", "ConnectionString")]
    [InlineData("Protection:RetentionSweepInterval", "00:00:01", "RetentionSweepInterval")]
    public async Task Invalid_settings_stop_start_up_naming_the_setting(string key, string value, string named)
    {
        using var host = Build(new() { ["Protection:DataFolder"] = _folder.Combine("data"), [key] = value });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain(named);
    }

    [Fact]
    public async Task A_plain_http_key_vault_is_refused()
    {
        using var host = Build(new()
        {
            ["Protection:DataFolder"] = _folder.Combine("data"),
            ["Protection:KeyProvider"] = "KeyVaultSecret",
            ["Protection:KeyVault:VaultUri"] = "http://sgw-test.vault.azure.net/",
        });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("https");
    }

    [Fact]
    public async Task An_exposed_key_file_stops_start_up()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions only.");
            return;
        }

        var keyFile = _folder.Combine("data", "keys", "kek.json");
        using (var ring = new LocalKeyRing(keyFile, TimeProvider.System))
        {
            await ring.EnsureReadyAsync(TestContext.Current.CancellationToken);
        }

        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        using var host = Build(new() { ["Protection:DataFolder"] = _folder.Combine("data") });

        var error = await Should.ThrowAsync<KeyRingException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("chmod 600");
    }

    [Fact]
    public async Task The_sweep_service_shreds_on_its_interval_by_the_injected_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        using var host = Build(
            new()
            {
                ["Protection:DataFolder"] = _folder.Combine("data"),
                ["Protection:RetentionDays"] = "7",
                ["Protection:RetentionSweepInterval"] = "01:00:00",
            },
            time);
        var store = host.Services.GetRequiredService<IAttachmentStore>();
        var retention = host.Services.GetRequiredService<IPayloadRetention>();
        var receipt = await store.PutAsync(new MemoryStream([7, 7, 7]), TestContext.Current.CancellationToken);
        // Delivered 7 days minus 30 minutes ago: kept by the first sweep, due by the next.
        await retention.RecordDeliveryFinishedAsync(receipt.Id, time.GetUtcNow().AddDays(-7).AddMinutes(30), TestContext.Current.CancellationToken);

        await host.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        (await CountAsync(store)).ShouldBe(1);

        // Tick the clock an interval at a time (the service may still be creating its timer on a busy machine).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CountAsync(store) > 0 && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        (await CountAsync(store)).ShouldBe(0);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<int> CountAsync(IAttachmentStore store)
    {
        var count = 0;
        await foreach (var _ in store.ListAsync(TestContext.Current.CancellationToken))
        {
            count++;
        }

        return count;
    }

    private static IHost Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddLogging();
        builder.Services.AddProtection(builder.Configuration);
        return builder.Build();
    }
}
