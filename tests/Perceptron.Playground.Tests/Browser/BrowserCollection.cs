namespace Perceptron.Playground.Tests.Browser;

/// <summary>The browser tests run one class at a time: each drives a whole Chromium, and the machine has few cores.</summary>
[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection;
