// The whole contract suite ran against the application's store, and passed.
def report = new File(basedir, 'target/surefire-reports/TEST-example.AuditedStoreContractTest.xml')
assert report.isFile() : "no test report: ${report}"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() >= 40 : "only ${suite.@tests} contract tests ran"
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0
