import Foundation
import LakeStorage
import LakeTestSupport
import Testing

/// Parsing of the shared credentials/config files and profile selection.
@Suite struct AWSProfileFileTests {
    @Test func credentialsFileSectionsCommentsAndWhitespace() {
        let file = AWSProfileFile(parsing: """
            # comment
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key=secret/with#hash ; inline comment
            \r
            [ work ]
            AWS_ACCESS_KEY_ID = AKIDWORK\r
            aws_secret_access_key = s2
            aws_session_token = tok=
            ; another comment
            garbage line without equals
            """, kind: .credentials)
        #expect(file.profiles["default"] == ["aws_access_key_id": "AKIDDEFAULT", "aws_secret_access_key": "secret/with#hash"])
        #expect(file.profiles["work"] == ["aws_access_key_id": "AKIDWORK", "aws_secret_access_key": "s2", "aws_session_token": "tok="])
    }

    @Test func configFileUsesProfilePrefixAndNestedSections() {
        let file = AWSProfileFile(parsing: """
            [default]
            region = eu-west-1
            [profile dev]
            region = us-west-2
            s3 =
              addressing_style = path
              max_concurrent_requests = 20
            output = json
            [sso-session corp]
            sso_region = us-east-1
            [dev-without-prefix]
            region = nowhere
            """, kind: .config)
        #expect(file.profiles["default"] == ["region": "eu-west-1"])
        #expect(file.profiles["dev"] == ["region": "us-west-2", "s3": "", "s3.addressing_style": "path",
                                         "s3.max_concurrent_requests": "20", "output": "json"])
        #expect(file.profiles.count == 2)
    }

    @Test func sharedConfigurationMergesFilesForTheSelectedProfile() throws {
        let directory = try TestEnvironment.temporaryDirectory("aws")
        let credentials = directory.appendingPathComponent("credentials")
        let config = directory.appendingPathComponent("config")
        try Data("[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = fromcredentials\n".utf8).write(to: credentials)
        try Data("[profile prod]\nregion = ap-south-1\naws_secret_access_key = fromconfig\nendpoint_url = http://127.0.0.1:9000\ns3 =\n  addressing_style = virtual\n".utf8).write(to: config)
        let environment = ["AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_CONFIG_FILE": config.path, "AWS_PROFILE": "prod"]
        let shared = AWSSharedConfiguration(environment: environment)
        #expect(shared.credentials == AWSCredentials(accessKeyID: "AKIDPROD", secretAccessKey: "fromcredentials"))
        #expect(shared.region == "ap-south-1")
        let configuration = try S3Configuration.fromEnvironment(environment)
        #expect(configuration.region == "ap-south-1")
        #expect(configuration.endpoint == S3Endpoint("http://127.0.0.1:9000"))
        #expect(configuration.addressingStyle == .virtual)
        let overridden = try S3Configuration.fromEnvironment(environment.merging(["S3_ADDRESSING_STYLE": "path", "AWS_ENDPOINT_URL": "http://h:1"]) { $1 })
        #expect(overridden.addressingStyle == .path)
        #expect(overridden.endpoint == S3Endpoint("http://h:1"))
        let other = AWSSharedConfiguration(environment: environment.merging(["AWS_PROFILE": "missing"]) { $1 })
        #expect(other.credentials == nil)
    }

    @Test func providersReadEnvironmentAndFiles() async throws {
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken"]
        let fromEnvironment = try await EnvironmentCredentialsProvider(environment: environment).credentials()
        #expect(fromEnvironment == AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: "envsecret", sessionToken: "envtoken"))
        await #expect(throws: AWSCredentialsError.self) { try await EnvironmentCredentialsProvider(environment: [:]).credentials() }
        let empty = ["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/c", "AWS_CONFIG_FILE": "/nonexistent/f"]
        await #expect(throws: AWSCredentialsError.self) { try await ProfileCredentialsProvider(environment: empty).credentials() }
    }

    @Test func credentialsDescriptionHidesSecrets() {
        let text = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "supersecret", sessionToken: "tok-value").description
        #expect(text.contains("AKID"))
        #expect(!text.contains("supersecret"))
        #expect(!text.contains("tok-value"))
    }
}
