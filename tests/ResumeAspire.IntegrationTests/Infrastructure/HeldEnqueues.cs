namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>Polls a condition while enqueues are held up, failing at once if one of them faulted.</summary>
internal static class HeldEnqueues
{
    public static async Task WaitUntilAsync(IEnumerable<Task<Guid>> enqueues, Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.DoesNotContain(enqueues, t => t.IsFaulted);
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Never reached: {what}.");
    }
}
