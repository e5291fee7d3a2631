import EventScopeSources
import Testing

@Suite struct SchemaRegistrySettingsTests {
    @Test func credentialsInTheURLAreTakenOutOfEveryShownURL() throws {
        let settings = try SchemaRegistrySettings(urlList: "https://alice:s3cr%40t@reg-1.example:8081/ , http://reg-2.example:8081")
        #expect(settings.username == "alice")
        #expect(settings.password == "s3cr@t")
        #expect(settings.displayURLs == "https://reg-1.example:8081,http://reg-2.example:8081")
        #expect(!settings.displayURLs.contains("s3cr"))
    }

    @Test func theConfluentUserInfoSettingWinsOverTheURL() throws {
        let settings = try SchemaRegistrySettings(urlList: "http://bob:old@reg:8081", basicAuthUserInfo: "carol:pa:ss")
        #expect(settings.username == "carol")
        #expect(settings.password == "pa:ss")
    }

    @Test(arguments: ["", "reg:8081", "ftp://reg", "http://", "https://user:hunter2@"])
    func unusableURLsAreRefusedWithoutShowingThem(_ text: String) {
        #expect(throws: SchemaRegistrySettingsError.self) { try SchemaRegistrySettings(urlList: text) }
        do {
            _ = try SchemaRegistrySettings(urlList: text)
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }
}
