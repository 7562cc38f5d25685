// Azure Database for PostgreSQL flexible server: the gateway's database (Persistence:Provider PostgreSql).
// Private endpoint only; TLS required; Entra authentication for people (an Entra group is the administrator) and
// password authentication for the gateway, whose connection string lives in Key Vault.

param location string
param namePrefix string

@description('PostgreSQL major version.')
@allowed([ '15', '16', '17' ])
param version string = '16'

param skuName string = 'Standard_D2ds_v5'

@allowed([ 'Burstable', 'GeneralPurpose', 'MemoryOptimized' ])
param skuTier string = 'GeneralPurpose'

@minValue(32)
param storageSizeGB int = 64

@description('Zone-redundant standby; off for non-production environments.')
param zoneRedundant bool = false

@description('The password login the gateway uses.')
param administratorLogin string

@secure()
@minLength(16)
param administratorPassword string

@description('Entra group (object id) that administers the server.')
param entraAdminGroupId string

@description('Display name of that group.')
param entraAdminGroupName string

param databaseName string = 'gateway'

param subnetId string
param dnsZoneId string
param workspaceId string
param tags object = {}

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${namePrefix}-pg-${take(uniqueString(resourceGroup().id), 6)}'
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: subscription().tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 35
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: zoneRedundant ? 'ZoneRedundant' : 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Disabled'
    }
  }
}

resource entraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: entraAdminGroupId
  properties: {
    principalType: 'Group'
    principalName: entraAdminGroupName
    tenantId: subscription().tenantId
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// TLS for every connection, 1.2 at least.
resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'require_secure_connection'
  properties: {
    value: 'on'
    source: 'user-override'
  }
}

resource minimumTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
  dependsOn: [ requireTls ]
}

module endpoint 'privateendpoint.bicep' = {
  name: 'postgres-endpoint'
  params: {
    location: location
    name: '${server.name}-pe'
    targetId: server.id
    groupId: 'postgresqlServer'
    subnetId: subnetId
    dnsZoneId: dnsZoneId
    tags: tags
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: server
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'PostgreSQLLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

output serverName string = server.name
output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
