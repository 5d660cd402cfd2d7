namespace ResumeAspire.Worker;

/// <summary>What becomes of a stream entry once its delivery is over.</summary>
public enum DeliveryOutcome
{
    /// <summary>The job may still need it (PostgreSQL or Redis failed mid-way): left pending for the reclaimer.</summary>
    KeepPending,

    /// <summary>Not this entry's job any more: re-queued under a new entry, or owned by another delivery.</summary>
    Acknowledge,

    /// <summary>The job reached a final state: acknowledged, and out of the lost-job sweeper's set.</summary>
    AcknowledgeFinal,
}
