using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;

namespace SubmissionGateway.Console.Tests;

/// <summary>What every console test does with a page: sign in, keep a screenshot, check accessibility.</summary>
internal static partial class ConsolePages
{
    public static Uri Url(this ConsoleGateway gateway, string path) => new(gateway.BaseAddress, path);

    public static async Task SignInAsync(this IPage page, ConsoleGateway gateway, string token)
    {
        await page.GotoAsync(gateway.Url("/console/signin").ToString());
        await page.GetByLabel("Access token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(SignedIn());
    }

    public static async Task ShotAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>
    /// Every visible form control has an accessible name (as the browser's accessibility tree computes it), headings
    /// start at one h1 and never skip a level, and a skip link leads to the main content.
    /// </summary>
    public static async Task ShouldBeAccessibleAsync(this IPage page)
    {
        var controls = page.Locator("input:not([type=hidden]), select, textarea");
        var count = await controls.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await Assertions.Expect(controls.Nth(i)).ToHaveAccessibleNameAsync(Named());
        }

        var levels = await page.EvaluateAsync<int[]>("() => Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => +h.tagName[1])");
        levels.ShouldNotBeEmpty();
        levels[0].ShouldBe(1);
        levels.Count(l => l == 1).ShouldBe(1);
        for (var i = 1; i < levels.Length; i++)
        {
            levels[i].ShouldBeLessThanOrEqualTo(levels[i - 1] + 1, $"heading h{levels[i]} follows h{levels[i - 1]} on {page.Url}");
        }

        (await page.Locator("a.skip-link[href='#main']").CountAsync()).ShouldBe(1);
        (await page.Locator("main#main").CountAsync()).ShouldBe(1);
    }

    [GeneratedRegex(@"\S")]
    private static partial Regex Named();

    [GeneratedRegex(@"/console(/requests)?$")]
    private static partial Regex SignedIn();
}
