import Coordinator
import Testing

/// Model names as Autocomp writes them, and the errors for names that are not.
@Suite struct ModelSpecTests {
    @Test func knownProvidersGetTheirDefaults() throws {
        let openai = try ModelSpec(parsing: "openai::gpt-4o")
        #expect(openai.provider == "openai" && openai.kind == .openaiCompatible && openai.model == "gpt-4o")
        #expect(openai.baseURL == "https://api.openai.com/v1" && openai.apiKeyVariable == "OPENAI_API_KEY" && openai.requiresAPIKey)
        #expect(openai.description == "openai::gpt-4o" && !openai.hasBaseURLOverride)

        let claude = try ModelSpec(parsing: "anthropic::claude-sonnet-4-20250514")
        #expect(claude.kind == .anthropic && claude.baseURL == "https://api.anthropic.com" && claude.apiKeyVariable == "ANTHROPIC_API_KEY")

        let together = try ModelSpec(parsing: "together::meta-llama/Llama-3.3-70B-Instruct-Turbo")
        #expect(together.model == "meta-llama/Llama-3.3-70B-Instruct-Turbo" && together.apiKeyVariable == "TOGETHER_API_KEY")

        // Everything after the first "::" is the model, colons included.
        let ollama = try ModelSpec(parsing: "ollama::qwen3:8b")
        #expect(ollama.model == "qwen3:8b" && ollama.baseURL == "http://localhost:11434/v1" && !ollama.requiresAPIKey && ollama.isLocal)
    }

    @Test func aBaseURLOverridePointsAnyProviderElsewhere() throws {
        let vllm = try ModelSpec(parsing: "vllm@http://gpu-box:8000/v1/::Qwen/Qwen3-8B")
        #expect(vllm.kind == .openaiCompatible && vllm.baseURL == "http://gpu-box:8000/v1" && vllm.model == "Qwen/Qwen3-8B")
        #expect(vllm.hasBaseURLOverride && vllm.description == "vllm@http://gpu-box:8000/v1::Qwen/Qwen3-8B")
        #expect(try ModelSpec(parsing: vllm.description) == vllm)

        // An IPv6 literal holds "::" inside its brackets.
        let v6 = try ModelSpec(parsing: "llamacpp@http://[::1]:8080/v1::qwen3:8b")
        #expect(v6.baseURL == "http://[::1]:8080/v1" && v6.model == "qwen3:8b")

        let proxy = try ModelSpec(parsing: "Anthropic@https://proxy.example/::claude-opus-4-1")
        #expect(proxy.provider == "anthropic" && proxy.kind == .anthropic && proxy.baseURL == "https://proxy.example")
    }

    @Test func malformedNamesSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("gpt-4o", "no \"::\" before the model"),
            ("openai:gpt-4o", "no \"::\" before the model"),
            ("::gpt-4o", "no provider before \"::\""),
            ("openai::", "no model after \"::\""),
            ("vllm@::Qwen", "\"\" is not an http or https URL"),
            ("vllm@ftp://host/v1::Qwen", "\"ftp://host/v1\" is not an http or https URL"),
        ]
        for (name, why) in cases {
            #expect(throws: LLMError(code: .invalidModelName, message: "model name \"\(name)\": \(why) (expected provider::model, e.g. openai::gpt-4o, or provider@URL::model)")) {
                try ModelSpec(parsing: name)
            }
        }
    }

    @Test func anUnknownProviderListsTheKnownOnes() {
        do {
            _ = try ModelSpec(parsing: "openia::gpt-4o")
            Issue.record("parsed an unknown provider")
        } catch let error as LLMError {
            #expect(error.code == .unknownProvider)
            #expect(error.message.hasPrefix("model name \"openia::gpt-4o\": unknown provider \"openia\" (known: openai, anthropic, together"))
            #expect(!error.message.contains("\n"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func keysComeFromTheProvidersVariable() throws {
        let spec = try ModelSpec(parsing: "together::deepseek-ai/DeepSeek-V3")
        #expect(try spec.apiKey(in: ["TOGETHER_API_KEY": " tg-123\n"]) == "tg-123")
        #expect(throws: LLMError(code: .missingAPIKey, message: "together::deepseek-ai/DeepSeek-V3: no API key: set the environment variable TOGETHER_API_KEY")) {
            try spec.apiKey(in: ["OPENAI_API_KEY": "sk"])
        }
        #expect(throws: LLMError.self) { try spec.apiKey(in: ["TOGETHER_API_KEY": ""]) }
        // Local servers need none, but get one when it is set (vLLM --api-key).
        let local = try ModelSpec(parsing: "vllm::Qwen/Qwen3-8B")
        #expect(try local.apiKey(in: [:]) == nil)
        #expect(try local.apiKey(in: ["VLLM_API_KEY": "local-secret"]) == "local-secret")
    }

    @Test func aRunChecksEveryKeyBeforeItStarts() throws {
        let client = try LLMTestSupport.client(environment: ["OPENAI_API_KEY": "sk"])
        let models = try ["openai::gpt-4o", "ollama::qwen3:8b", "anthropic::claude-sonnet-4-20250514"].map(ModelSpec.init(parsing:))
        #expect(throws: LLMError(code: .missingAPIKey, message: "anthropic::claude-sonnet-4-20250514: no API key: set the environment variable ANTHROPIC_API_KEY")) {
            try client.checkCredentials(for: models)
        }
        try client.checkCredentials(for: Array(models.prefix(2)))
    }
}
