import { sqlDriver } from './drivers.ts'
import { describeMatrix } from './run-matrix.ts'

// The same matrix as matrix.test.ts, in SQL as the API roles: proves the policies themselves.
describeMatrix('access matrix in SQL as the API roles', (sql) => sqlDriver(sql))
