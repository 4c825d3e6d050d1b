using System.Globalization;

namespace WechatLogistics.Wechat.Tests.Fuzz;

/// <summary>
/// A seeded property runner: iteration <c>i</c> of a run with seed <c>S</c> draws from <c>new Random(S + i)</c>, so
/// a failure names the one input to replay. <c>FUZZ_SEED</c> in the environment replaces every property's fixed seed
/// (to explore); the fixed seeds keep CI deterministic. The whole run is bounded by a watchdog, so a parser that loops
/// fails with the seed and the iteration instead of hanging the suite.
/// </summary>
public static class FuzzRun
{
    /// <summary>Generous: a run takes a few seconds; only a hang comes near it.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(120);

    public static int Seed(int fixedSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : fixedSeed;

    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> generated inputs.</summary>
    public static Task ForAllAsync<T>(
        int fixedSeed, int iterations, Func<Random, T> generate, Action<T> property, Func<T, string> show) =>
        ForAllAwaitedAsync(fixedSeed, iterations, generate, input =>
        {
            property(input);
            return Task.CompletedTask;
        }, show);

    /// <summary>As <see cref="ForAllAsync{T}"/> for a property that awaits (HTTP requests), one input at a time.</summary>
    public static async Task ForAllAwaitedAsync<T>(
        int fixedSeed, int iterations, Func<Random, T> generate, Func<T, Task> property, Func<T, string> show)
    {
        var seed = Seed(fixedSeed);
        var current = -1;
        var run = Task.Run(async () =>
        {
            for (var i = 0; i < iterations; i++)
            {
                Volatile.Write(ref current, i);
                var input = generate(new Random(unchecked(seed + i)));
                try
                {
                    await property(input);
                }
                catch (Exception ex)
                {
                    throw new FuzzFailure($"Property failed at seed {seed}, iteration {i} (replay with new Random({unchecked(seed + i)})): " +
                        $"{ex.GetType().Name}: {ex.Message}{Environment.NewLine}Input: {Clip(show(input))}", ex);
                }
            }
        });

        try
        {
            await run.WaitAsync(Watchdog, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No answer within {Watchdog.TotalSeconds} s at seed {seed}, iteration {Volatile.Read(ref current)}: a hang.");
        }
    }

    public static string Clip(string value) =>
        value.Length <= 600 ? value : string.Concat(value.AsSpan(0, 600), $"… ({value.Length} characters)");
}

public sealed class FuzzFailure(string message, Exception inner) : Exception(message, inner);
