import Foundation

/// Builds Autocomp's prompts (product.md): a planning prompt that asks for one menu option
/// and a plan, a coding prompt that asks for the plan's implementation, a single-phase prompt
/// that asks for both at once, and a repair prompt that asks to implement a plan again after
/// the previous attempt failed.
///
/// Every prompt is a system message holding the accelerator description, which depends only on
/// the configuration, family and options (so providers can cache it as a prefix), and a user
/// message with the code and the task.
public struct PromptBuilder: Sendable {
    public struct Options: Sendable, Equatable, Hashable, Codable {
        /// Add "Scratchpad utilization is X KB out of Y KB." and the accumulator's line.
        public var memoryUtilization: Bool
        /// Add the profile paragraph from the timing model (busy units, stalls, DMA, banks).
        public var hardwareFeedback: Bool
        /// Say what the code computes (the problem's title and description).
        public var problemDescription: Bool
        public var accelerator: AcceleratorDescription.Options
        /// Error messages longer than this are cut (compiler output can run to pages).
        public var maxErrorCharacters: Int

        public init(
            memoryUtilization: Bool = false, hardwareFeedback: Bool = false, problemDescription: Bool = true,
            accelerator: AcceleratorDescription.Options = .init(), maxErrorCharacters: Int = 3000
        ) {
            self.memoryUtilization = memoryUtilization
            self.hardwareFeedback = hardwareFeedback
            self.problemDescription = problemDescription
            self.accelerator = accelerator
            self.maxErrorCharacters = maxErrorCharacters
        }
    }

    public var options: Options
    /// The configurations the builder can describe (the built-in ones, plus any a caller adds
    /// for a design loaded from a file).
    public var accelerators: [AcceleratorFacts]

    public init(options: Options = Options(), accelerators: [AcceleratorFacts] = AcceleratorFacts.builtIn) {
        self.options = options
        self.accelerators = accelerators
    }

    // MARK: Requests

    /// The planning prompt for an agent's plan request.
    public func prompt(for request: PlanRequest) throws(PromptError) -> [PromptMessage] {
        try planningPrompt(request.context, menu: request.menu, hint: request.hint)
    }

    /// The prompt for a code request: repair when it carries a failed attempt, coding when it
    /// carries a plan, single-phase when it carries a menu instead.
    public func prompt(for request: CodeRequest) throws(PromptError) -> [PromptMessage] {
        if let failed = request.failedAttempt {
            return try repairPrompt(request.context, plan: request.plan, failedCode: failed.code, error: failed.error)
        }
        if let plan = request.plan { return try codingPrompt(request.context, plan: plan) }
        if let menu = request.menu { return try singlePhasePrompt(request.context, menu: menu) }
        throw PromptError("a code request needs a plan, a menu or a failed attempt")
    }

    // MARK: The four prompts

    /// Phase one: the code, its feedback, the menu; pick one option and plan it. `hint` (schedule
    /// reuse) is a plan that worked on a similar problem, offered as an example to adapt.
    public func planningPrompt(
        _ context: AgentContext, menu: OptimizationMenu, hint: String? = nil
    ) throws(PromptError) -> [PromptMessage] {
        let system = try systemMessage(context)
        guard !menu.options.isEmpty else { throw PromptError("the optimization menu is empty") }
        var sections = problemSection(context) + [
            codeSection("Current code", context.code),
            feedbackSection(context),
            Self.menuSection(menu),
        ]
        if let hint, !hint.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            sections.append(
                "## A plan that worked on a similar problem\nOn a problem of a similar shape, this plan made the code faster. "
                    + "Its sizes and addresses belong to that problem: adapt it to this code rather than copying it.\n\n"
                    + hint.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        sections += [
            """
            ## Task
            Choose exactly one optimization from the menu that you expect to make this code \
            faster, and write a plan for applying it to this code. The plan must be specific to \
            this code: say which loops, tile sizes, scratchpad and accumulator addresses and \
            commands change, and how, so that a programmer can implement it directly. Do not \
            write the complete code.
            """,
            PromptRules.section(signature: context.problem.signature),
            """
            ## Answer format
            The first line of your reply names the chosen option by its number in the menu, \
            exactly like this:
            \(Self.optionLabel) <number>
            Then write the plan.
            """,
        ]
        return [system, .user(sections.joined(separator: "\n\n"))]
    }

    /// Phase two: implement the plan on the parent code.
    public func codingPrompt(_ context: AgentContext, plan: String) throws(PromptError) -> [PromptMessage] {
        let system = try systemMessage(context)
        let sections = problemSection(context) + [
            codeSection("Original code", context.code),
            "## Plan\n" + plan.trimmingCharacters(in: .whitespacesAndNewlines),
            PromptRules.section(signature: context.problem.signature),
            """
            ## Task
            Rewrite the original code so that it implements the plan. Reply with the complete \
            optimized function, `\(context.problem.signature) { ... }`, in a single ```c code block.

            \(Self.codeCue)
            """,
        ]
        return [system, .user(sections.joined(separator: "\n\n"))]
    }

    /// Both phases in one call: pick an option, plan it briefly, implement it.
    public func singlePhasePrompt(_ context: AgentContext, menu: OptimizationMenu) throws(PromptError) -> [PromptMessage] {
        let system = try systemMessage(context)
        guard !menu.options.isEmpty else { throw PromptError("the optimization menu is empty") }
        let sections = problemSection(context) + [
            codeSection("Current code", context.code),
            feedbackSection(context),
            Self.menuSection(menu),
            """
            ## Task
            Choose exactly one optimization from the menu that you expect to make this code \
            faster, plan how to apply it to this code (which loops, tile sizes, addresses and \
            commands change), and then implement the plan.
            """,
            PromptRules.section(signature: context.problem.signature),
            """
            ## Answer format
            The first line of your reply names the chosen option by its number in the menu, \
            exactly like this:
            \(Self.optionLabel) <number>
            Then write a short plan, and finally the complete optimized function, \
            `\(context.problem.signature) { ... }`, in a single ```c code block.
            """,
        ]
        return [system, .user(sections.joined(separator: "\n\n"))]
    }

    /// Implement the plan again: the previous attempt did not compile, gave wrong results or
    /// crashed, and `error` says how.
    public func repairPrompt(
        _ context: AgentContext, plan: String?, failedCode: String, error: String
    ) throws(PromptError) -> [PromptMessage] {
        let system = try systemMessage(context)
        var sections = problemSection(context) + [codeSection("Original code (correct)", context.code)]
        if let plan { sections.append("## Plan\n" + plan.trimmingCharacters(in: .whitespacesAndNewlines)) }
        sections += [
            codeSection("Previous attempt", failedCode),
            "## What went wrong with the previous attempt\n```\n" + truncated(error.trimmingCharacters(in: .whitespacesAndNewlines)) + "\n```",
            PromptRules.section(signature: context.problem.signature),
            """
            ## Task
            Write the optimized code again\(plan == nil ? "" : ", implementing the plan,") and fix the \
            problem above; keep what was right in the previous attempt. Reply with the complete \
            optimized function, `\(context.problem.signature) { ... }`, in a single ```c code block.

            \(Self.codeCue)
            """,
        ]
        return [system, .user(sections.joined(separator: "\n\n"))]
    }

    // MARK: Parts

    /// The line that starts a planning reply; ReplyParser reads the number after it.
    public static let optionLabel = "Option:"
    /// The last line of coding and repair prompts.
    public static let codeCue = "Optimized code:"

    /// The menu as the prompt lists it: options numbered from 1 in the order given (the
    /// caller has already applied dropout). ReplyParser maps the numbers back.
    public static func menuListing(_ menu: OptimizationMenu) -> String {
        menu.options.enumerated().map { "\($0.offset + 1). \($0.element.text)" }.joined(separator: "\n")
    }

    static func menuSection(_ menu: OptimizationMenu) -> String {
        "## Optimization menu\n" + menuListing(menu)
    }

    /// The configuration the context names, or an error naming it.
    public func facts(for context: AgentContext) throws(PromptError) -> AcceleratorFacts {
        let name = context.accelerator.isEmpty ? context.problem.accelerator : context.accelerator
        let wanted = name == "default" ? AcceleratorFacts.int8_16x16.name : name
        guard let facts = accelerators.first(where: { $0.name == wanted }) else {
            throw PromptError(
                "no description of accelerator configuration \"\(name)\" (known: \(accelerators.map(\.name).joined(separator: ", ")))")
        }
        return facts
    }

    private func systemMessage(_ context: AgentContext) throws(PromptError) -> PromptMessage {
        let facts = try facts(for: context)
        let description = AcceleratorDescription.text(for: facts, family: context.problem.family, options: options.accelerator)
        return .system(
            "You are an expert in optimizing C code for the Gemmini accelerator. You make code faster while keeping its results the same.\n\n"
                + description)
    }

    private func problemSection(_ context: AgentContext) -> [String] {
        guard options.problemDescription else { return [] }
        let manifest = context.problem.manifest
        return ["## Problem\n\(manifest.title). \(manifest.description)"]
    }

    private func codeSection(_ title: String, _ code: String) -> String {
        "## \(title)\n```c\n\(code.trimmingCharacters(in: .whitespacesAndNewlines))\n```"
    }

    private func feedbackSection(_ context: AgentContext) -> String {
        var lines = [PromptFeedback.latencyLine(cycles: context.cycles)]
        if let summary = context.feedback {
            if options.memoryUtilization { lines += PromptFeedback.utilizationLines(summary, facts: try? facts(for: context)) }
            if options.hardwareFeedback { lines.append(PromptFeedback.hardwareParagraph(summary)) }
        }
        return "## Feedback\n" + lines.joined(separator: "\n")
    }

    /// Long errors keep their beginning (the first error is what matters), cut at a line end.
    private func truncated(_ text: String) -> String {
        guard text.count > options.maxErrorCharacters else { return text }
        var kept = String(text.prefix(options.maxErrorCharacters))
        if let newline = kept.lastIndex(of: "\n") { kept = String(kept[..<newline]) }
        return kept + "\n... (\(text.count - kept.count) more characters)"
    }
}

/// A prompt that cannot be built, with the reason in one line.
public struct PromptError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
