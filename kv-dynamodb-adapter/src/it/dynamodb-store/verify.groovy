// The test ran against dynalite (a skipped test would mean no DynamoDB endpoint was found).
def report = new File(basedir, 'target/surefire-reports/TEST-example.DynamoDbStoreTest.xml')
assert report.isFile() : "no test report: ${report}"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 1
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0

// The BOM gave the application the AWS SDK version kv's own build tests with (awssdk.version).
def classPath = suite.properties.property.find { it.@name == 'surefire.test.class.path' }.@value.toString()
assert classPath.contains("dynamodb-${awssdkVersion}.jar") : "the BOM does not bring the AWS SDK ${awssdkVersion}"
